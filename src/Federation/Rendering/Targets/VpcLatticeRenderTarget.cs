using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Model;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>
/// <c>--target vpc-lattice</c>: per AWS site with <c>mesh: vpc-lattice</c>, the VPC Lattice API inputs (<c>api/</c>, one
/// file per create call) and the same mesh as AWS Gateway API Controller objects (<c>gateway-api/</c>, a kustomize
/// folder), docs/lattice.md. Every site is translated first: a Lattice limit any of them exceeds is a
/// positioned error and nothing is written (never half a federation).
/// </summary>
internal sealed class VpcLatticeRenderTarget : IRenderTarget
{
    /// <inheritdoc/>
    public string Name => "vpc-lattice";

    /// <inheritdoc/>
    public string Description => "AWS sites: VPC Lattice API inputs and Gateway API objects for EKS";

    /// <inheritdoc/>
    public string StreamDescription => "not streamed";

    /// <inheritdoc/>
    public string? StreamRefusal => "--out - streams Kubernetes YAML; vpc-lattice inputs are one JSON file per API call: render them into a folder (--out DIR)";

    /// <inheritdoc/>
    public bool Renders(Site site) => LatticeTranslator.Renders(site);

    /// <inheritdoc/>
    public string NotRendered(Site site, string renderedSites) => RenderTargets.RunsAnotherMesh(this, site, renderedSites);

    /// <inheritdoc/>
    public int Write(RenderJob job)
    {
        var renderings = job.Sites.Select(s => LatticeTranslator.Translate(job.Mesh, s.Name, new LatticeRenderOptions { Sources = job.Sources })).ToList();
        var errors = renderings.SelectMany(r => r.Errors).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                job.Output.Out.WriteLine(error);
            return ExitCodes.InvalidInput;
        }
        var bySite = renderings.ToDictionary(r => r.Site, StringComparer.Ordinal);
        return SiteFolders.Write(job, (site, folder) =>
        {
            var rendering = bySite[site.Name];
            LatticeFolderWriter.Write(folder, rendering);
            return new SiteRenderSummary(site.Name, Name, [.. rendering.Resources.Select(r => WireNames<LatticeOperation>.Of(r.Operation))], rendering.Diagnostics);
        });
    }

    /// <inheritdoc/>
    public int Stream(RenderJob job) => throw new NotSupportedException(StreamRefusal);
}
