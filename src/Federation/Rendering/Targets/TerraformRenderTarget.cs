using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Federation.Terraform;
using MeshFed.Model;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary><c>--target terraform</c>: per site with a gateway, the gateway module's <c>terraform.tfvars.json</c>.</summary>
internal sealed class TerraformRenderTarget : IRenderTarget
{
    /// <inheritdoc/>
    public string Name => "terraform";

    /// <inheritdoc/>
    public string Description => "every site: the gateway modules' terraform.tfvars.json";

    /// <inheritdoc/>
    public string StreamDescription => "not streamed";

    // A tfvars file is JSON that Terraform reads by its file name's .json suffix (Terraform docs,
    // "Variable Definitions (.tfvars) Files"), not a YAML document kubectl could take.
    /// <inheritdoc/>
    public string? StreamRefusal => "--out - streams Kubernetes YAML; terraform inputs are one terraform.tfvars.json per site: " +
        "render them into a folder (--out DIR) and pass DIR/<site>/terraform.tfvars.json to terraform -var-file";

    /// <inheritdoc/>
    public bool Renders(Site site) => TerraformInputsTranslator.Renders(site);

    /// <inheritdoc/>
    public string NotRendered(Site site, string renderedSites) =>
        $"site '{site.Name}' has no gateway in the manifest, so there is nothing to provision; sites with a gateway: {renderedSites}";

    /// <inheritdoc/>
    public int Write(RenderJob job)
    {
        var rendered = job.Sites.Select(s => TerraformInputsTranslator.Translate(job.Mesh, s.Name)).ToList();
        // A platform no module provisions: writing inputs that name it would only fail later, at plan.
        var errors = rendered.SelectMany(r => r.Diagnostics).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                job.Output.Out.WriteLine(error);
            return ExitCodes.InvalidInput;
        }
        var written = new List<(TerraformSiteInputs, string)>();
        foreach (var site in rendered)
        {
            job.CancellationToken.ThrowIfCancellationRequested();
            written.Add((site.Inputs, TerraformVarsWriter.Write(Path.Combine(job.OutFolder, site.Inputs.SiteName), site.Inputs)));
        }
        List<string> withoutGateway = job.AllSites ? [.. job.Mesh.Sites.Where(s => !Renders(s)).Select(s => s.Name)] : [];
        TerraformRenderReport.Write(written, [.. rendered.SelectMany(r => r.Diagnostics)], withoutGateway, job.OutFolder, job.Output.Out);
        return ExitCodes.Success;
    }

    /// <inheritdoc/>
    public int Stream(RenderJob job) => throw new NotSupportedException(StreamRefusal);
}
