using System.CommandLine;
using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Federation.Analysis;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Federation.Rendering;
using MeshFed.Federation.Rendering.Targets;
using MeshFed.Federation.Terraform;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Commands;

/// <summary>
/// <c>meshfed render &lt;path&gt; --target NAME --out DIR</c>: validates the manifest, then writes each site's output
/// under <c>DIR/&lt;site&gt;/</c> through the target chosen by name from <see cref="RenderTargets"/> (a kustomize
/// folder, App Mesh inputs, the gateway module's <c>terraform.tfvars.json</c>…) and prints a summary. With
/// <c>--out -</c>, one site's Kubernetes YAML goes to standard output as one multi-document stream (for
/// <c>kubectl apply -f -</c>) and everything else to stderr.
/// </summary>
public sealed class RenderCommand : Command
{
    /// <summary>The manifest file or folder.</summary>
    public Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--target</c>: a name from <see cref="RenderTargets"/>.</summary>
    public Option<string> TargetOption { get; } = CliOptions.Choice("--target", RenderTargets.TargetHelp(), RenderTargets.Default.Name, RenderTargets.Names);

    /// <summary><c>--site</c>.</summary>
    public Option<string?> SiteOption { get; } = new("--site") { Description = "Render only this site (default: every site of the target)." };

    /// <summary><c>--profile</c>.</summary>
    public Option<string?> ProfileOption { get; } = CreateProfileOption();

    /// <summary><c>--out</c>.</summary>
    public Option<string> OutOption { get; } = new("--out")
    {
        Description = "Folder to write into (one subfolder per site), or - to stream one site's Kubernetes YAML to standard output " +
            $"({RenderTargets.StreamHelp()}).",
        Required = true,
    };

    /// <summary><c>--force</c>.</summary>
    public Option<bool> ForceOption { get; } = new("--force")
    {
        Description = "Write even when `meshfed analyze` finds paths that would not carry traffic (the findings are still printed).",
    };

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public RenderCommand(CliOutput output)
        : base("render", "Translate a manifest into each site's mesh configuration (Kubernetes YAML, kustomize-ready).")
    {
        Add(PathArgument);
        Add(TargetOption);
        Add(SiteOption);
        Add(ProfileOption);
        Add(OutOption);
        Add(ForceOption);
        SetAction(CancellableAction.Of((parse, cancellationToken) => Task.FromResult(OneShotCollection.Run(() => Run(Read(parse), output, cancellationToken)))));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public RenderRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Target = parse.GetValue(TargetOption)!,
        Site = parse.GetValue(SiteOption),
        Profile = parse.GetValue(ProfileOption) is { } profile && WireNames<IstioProfile>.TryParse(profile, out var parsed) ? parsed : null,
        Out = parse.GetValue(OutOption)!,
        Force = parse.GetValue(ForceOption),
    };

    /// <summary>Renders; returns the exit code.</summary>
    public static int Run(RenderRequest request, CliOutput output, CancellationToken cancellationToken = default)
    {
        if (RenderTargets.Find(request.Target) is not { } target)
        {
            output.Error.WriteLine($"meshfed: --target '{request.Target}' is not a render target; targets: {string.Join(", ", RenderTargets.Names)}");
            return ExitCodes.Usage;
        }
        if (request.Streams && target.StreamRefusal is { } refusal)
        {
            output.Error.WriteLine($"meshfed: {refusal}");
            return ExitCodes.Usage;
        }
        // With --out -, standard output carries documents only: findings, warnings and the summary go to stderr.
        var report = request.Streams ? output.Error : output.Out;
        var loaded = ManifestLoader.Load(request.Path);
        if (loaded.Mesh is not { } mesh)
        {
            // Nothing is rendered from an invalid manifest: validation runs first, always.
            ValidationReport.WriteText(request.Path, loaded, report);
            return ExitCodes.InvalidInput;
        }
        foreach (var warning in loaded.Warnings)
            report.WriteLine(warning);

        var sites = mesh.Sites.Where(target.Renders).ToList();
        if (request.Site is { } siteName)
        {
            var site = mesh.FindSite(siteName);
            if (site is null || !target.Renders(site))
            {
                var known = string.Join(", ", sites.Select(s => s.Name));
                output.Error.WriteLine("meshfed: " + (site is null
                    ? $"site '{siteName}' is not in mesh '{mesh.Name}'; {target.Name} sites: {known}"
                    : target.NotRendered(site, known)));
                return ExitCodes.Usage;
            }
            sites = [site];
        }
        if (request.Streams && sites.Count > 1)
        {
            // One stream is applied to one cluster: the documents of two sites would land in the same one.
            output.Error.WriteLine($"meshfed: --out - streams one site, and mesh '{mesh.Name}' has {sites.Count} {target.Name} sites " +
                $"({string.Join(", ", sites.Select(s => s.Name))}): pass --site, or --out DIR for a folder per site");
            return ExitCodes.Usage;
        }
        if (sites.Count == 0)
        {
            report.WriteLine($"mesh '{mesh.Name}' has no {target.Name} site (its sites: " +
                string.Join(", ", mesh.Sites.Select(s => $"{s.Name} ({WireNames<MeshKind>.Of(s.Mesh)})")) + "); nothing to render");
            return ExitCodes.Success;
        }
        // A gateway platform no module provisions is an input error, whatever the target: reported as such (and
        // not as the analysis' faults of a deployment that cannot exist), nothing written, --force or not.
        var platformErrors = TerraformInputsTranslator.PlatformErrors(mesh, sites);
        if (platformErrors.Count > 0)
        {
            foreach (var error in platformErrors)
                report.WriteLine(error);
            return ExitCodes.InvalidInput;
        }
        // One translation per site, read by the analysis and then written by the target.
        var renderings = new SiteRenderings(mesh, request.Profile);
        var job = new RenderJob
        {
            Renderings = renderings, Sources = loaded.Sources, Sites = sites, AllSites = request.Site is null, OutFolder = request.Out,
            Output = output, CancellationToken = cancellationToken,
        };
        // A stream is made while the analysis runs, and written only if the analysis allows it.
        using var prepared = request.Streams ? PreparedStream.Start(target, job) : null;
        if (!AnalysisGate.Allows(request.Path, renderings, loaded.Sources, [.. sites.Select(s => s.Name)], request.Force, output))
            return ExitCodes.InvalidInput;
        try
        {
            return prepared is not null ? prepared.WriteTo(output) : target.Write(job);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error.WriteLine(request.Streams
                ? "meshfed: render stopped (Ctrl+C): nothing was streamed"
                : $"meshfed: render stopped (Ctrl+C): each site folder under {request.Out} is either written whole or left as it was; render again to finish");
            return ExitCodes.Cancelled;
        }
    }

    private static Option<string?> CreateProfileOption()
    {
        var option = new Option<string?>("--profile")
        {
            Description = "Istio control plane: istio (open source) or cloud-service-mesh (managed on GKE). Default: each site's mesh.",
        };
        option.AcceptOnlyFromAmong([.. WireNames<IstioProfile>.All]);
        return option;
    }
}
