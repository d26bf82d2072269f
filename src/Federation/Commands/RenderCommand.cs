using System.CommandLine;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Federation.Analysis;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Federation.Rendering;
using MeshFed.Federation.Terraform;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Commands;

/// <summary>
/// <c>meshfed render &lt;path&gt; --target istio|appmesh|vpc-lattice|terraform --out DIR</c>: validates the manifest, then writes
/// each site's output under <c>DIR/&lt;site&gt;/</c> (a kustomize folder, App Mesh or VPC Lattice API inputs, or the gateway module's
/// <c>terraform.tfvars.json</c>) and prints a summary. With <c>--out -</c>, one site's Kubernetes YAML goes to
/// standard output as one multi-document stream (for <c>kubectl apply -f -</c>) and everything else to stderr.
/// </summary>
public static class RenderCommand
{
    /// <summary>The manifest file or folder.</summary>
    public static Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--target</c>.</summary>
    public static Option<string> TargetOption { get; } = Choice("--target",
        "What to render: istio (GCP and on-prem sites: Kubernetes YAML), appmesh (AWS sites: App Mesh API inputs), vpc-lattice (AWS sites: VPC Lattice API inputs) or terraform (every site: the gateway modules' terraform.tfvars.json).",
        "istio", ["istio", "appmesh", "vpc-lattice", "terraform"]);

    /// <summary><c>--site</c>.</summary>
    public static Option<string?> SiteOption { get; } = new("--site") { Description = "Render only this site (default: every site of the target)." };

    /// <summary><c>--profile</c>.</summary>
    public static Option<string?> ProfileOption { get; } = CreateProfileOption();

    /// <summary><c>--out</c>.</summary>
    public static Option<string> OutOption { get; } = new("--out")
    {
        Description = "Folder to write into (one subfolder per site), or - to stream one site's Kubernetes YAML to standard output " +
            "(istio: the kustomize folder's documents; appmesh: the App Mesh controller custom resources; terraform: not streamed).",
        Required = true,
    };

    /// <summary>The <c>--out</c> value that means standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary><c>--force</c>.</summary>
    public static Option<bool> ForceOption { get; } = new("--force")
    {
        Description = "Write even when `meshfed analyze` finds paths that would not carry traffic (the findings are still printed).",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliOutput output)
    {
        var command = new Command("render", "Translate a manifest into each site's mesh configuration (Kubernetes YAML, kustomize-ready).")
        {
            PathArgument, TargetOption, SiteOption, ProfileOption, OutOption, ForceOption,
        };
        command.SetAction(parse => Run(
            parse.GetValue(PathArgument)!,
            parse.GetValue(TargetOption)!,
            parse.GetValue(SiteOption),
            parse.GetValue(ProfileOption) is { } profile && WireNames<IstioProfile>.TryParse(profile, out var parsed) ? parsed : null,
            parse.GetValue(OutOption)!,
            output,
            parse.GetValue(ForceOption)));
        return command;
    }

    /// <summary>Renders; returns the exit code.</summary>
    public static int Run(string path, string target, string? siteName, IstioProfile? profile, string outFolder, CliOutput output, bool force = false)
    {
        var streams = outFolder == StandardOutput;
        if (streams && target == "vpc-lattice")
        {
            output.Error.WriteLine("meshfed: --out - streams Kubernetes YAML; vpc-lattice inputs are one JSON file per API call: render them into a folder (--out DIR)");
            return ExitCodes.Usage;
        }
        if (streams && target == "terraform")
        {
            // A tfvars file is JSON that Terraform reads by its file name's .json suffix (Terraform docs,
            // "Variable Definitions (.tfvars) Files"), not a YAML document kubectl could take.
            output.Error.WriteLine("meshfed: --out - streams Kubernetes YAML; terraform inputs are one terraform.tfvars.json per site: " +
                "render them into a folder (--out DIR) and pass DIR/<site>/terraform.tfvars.json to terraform -var-file");
            return ExitCodes.Usage;
        }
        // With --out -, standard output carries documents only: findings, warnings and the summary go to stderr.
        var report = streams ? output.Error : output.Out;
        var loaded = ManifestLoader.Load(path);
        if (loaded.Mesh is not { } mesh)
        {
            // Nothing is rendered from an invalid manifest: validation runs first, always.
            ValidationReport.WriteText(path, loaded, report);
            return ExitCodes.InvalidInput;
        }
        foreach (var warning in loaded.Warnings)
            report.WriteLine(warning);

        Func<Site, bool> renders = target switch
        {
            "appmesh" => AppMeshTranslator.Renders,
            "vpc-lattice" => LatticeTranslator.Renders,
            "terraform" => TerraformInputsTranslator.Renders,
            _ => IstioTranslator.Renders,
        };
        var sites = mesh.Sites.Where(renders).ToList();
        if (siteName is not null)
        {
            var site = mesh.FindSite(siteName);
            if (site is null || !renders(site))
            {
                var known = string.Join(", ", sites.Select(s => s.Name));
                output.Error.WriteLine(site is null
                    ? $"meshfed: site '{siteName}' is not in mesh '{mesh.Name}'; {target} sites: {known}"
                    : target == "terraform"
                        ? $"meshfed: site '{siteName}' has no gateway in the manifest, so there is nothing to provision; sites with a gateway: {known}"
                        : $"meshfed: site '{siteName}' runs {WireNames<MeshKind>.Of(site.Mesh)}, not {target}; {target} sites: {known}");
                return ExitCodes.Usage;
            }
            sites = [site];
        }
        if (streams && sites.Count > 1)
        {
            // One stream is applied to one cluster: the documents of two sites would land in the same one.
            output.Error.WriteLine($"meshfed: --out - streams one site, and mesh '{mesh.Name}' has {sites.Count} {target} sites " +
                $"({string.Join(", ", sites.Select(s => s.Name))}): pass --site, or --out DIR for a folder per site");
            return ExitCodes.Usage;
        }
        if (sites.Count == 0)
        {
            report.WriteLine($"mesh '{mesh.Name}' has no {target} site (its sites: " +
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
        if (!AnalysisGate.Allows(path, mesh, loaded.Sources, profile, [.. sites.Select(s => s.Name)], force, output))
            return ExitCodes.InvalidInput;
        if (target == "terraform")
            return RenderTerraform(mesh, sites, allSites: siteName is null, outFolder, output);
        if (streams)
            return Stream(mesh, sites[0], target, profile, output);
        if (target == "vpc-lattice")
            return RenderLattice(mesh, loaded.Sources, sites, outFolder, output);
        var summaries = target == "appmesh"
            ? sites.Select(s => RenderAppMesh(mesh, s, outFolder)).ToList()
            : sites.Select(s => RenderIstio(mesh, s, profile, outFolder)).ToList();
        RenderSummary.Write(summaries, outFolder, output.Out);
        return ExitCodes.Success;
    }

    private static SiteRenderSummary RenderIstio(FederatedMesh mesh, Site site, IstioProfile? profile, string outFolder)
    {
        var rendering = IstioTranslator.Translate(mesh, site.Name, IstioRenderOptions.Default with { Profile = profile });
        KustomizeFolderWriter.Write(Path.Combine(outFolder, site.Name), rendering.Resources);
        return IstioSummary(site, rendering);
    }

    private static SiteRenderSummary IstioSummary(Site site, IstioRendering rendering) =>
        new(site.Name, WireNames<IstioProfile>.Of(rendering.Profile), [.. rendering.Resources.Select(r => r.Kind)], rendering.Diagnostics);

    private static SiteRenderSummary RenderAppMesh(FederatedMesh mesh, Site site, string outFolder)
    {
        var rendering = AppMeshTranslator.Translate(mesh, site.Name);
        AppMeshFolderWriter.Write(Path.Combine(outFolder, site.Name), rendering);
        return AppMeshSummary(site, rendering);
    }

    /// <summary>
    /// Lattice sites: every site is translated first; a Lattice limit any of them exceeds is a positioned error and
    /// nothing is written (never half a federation).
    /// </summary>
    private static int RenderLattice(FederatedMesh mesh, Model.Binding.SourceMap sources, IReadOnlyList<Site> sites, string outFolder, CliOutput output)
    {
        var renderings = sites.Select(s => LatticeTranslator.Translate(mesh, s.Name, new LatticeRenderOptions { Sources = sources })).ToList();
        var errors = renderings.SelectMany(r => r.Errors).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                output.Out.WriteLine(error);
            return ExitCodes.InvalidInput;
        }
        var summaries = renderings.Select(r =>
        {
            LatticeFolderWriter.Write(Path.Combine(outFolder, r.Site), r);
            return new SiteRenderSummary(r.Site, "vpc-lattice", [.. r.Resources.Select(x => WireNames<LatticeOperation>.Of(x.Operation))], r.Diagnostics);
        }).ToList();
        RenderSummary.Write(summaries, outFolder, output.Out);
        return ExitCodes.Success;
    }

    private static SiteRenderSummary AppMeshSummary(Site site, AppMeshRendering rendering) =>
        new(site.Name, "appmesh", [.. rendering.Resources.Select(r => r.Kind.ToString())], rendering.Diagnostics);

    /// <summary>
    /// <c>--out -</c>: the site's Kubernetes YAML on standard output, the summary on stderr. For App Mesh that is
    /// the controller's custom resources (the folder's <c>crds/</c>); the API inputs are JSON for
    /// <c>aws appmesh create-*</c>, one call each, so they are written only to a folder.
    /// </summary>
    private static int Stream(FederatedMesh mesh, Site site, string target, IstioProfile? profile, CliOutput output)
    {
        System.Text.StringBuilder stream;
        SiteRenderSummary summary;
        if (target == "appmesh")
        {
            var rendering = AppMeshTranslator.Translate(mesh, site.Name);
            var customResources = AppMeshControllerTranslator.Translate(rendering);
            stream = YamlStreamWriter.Build(customResources);
            summary = new SiteRenderSummary(site.Name, "appmesh", [.. customResources.Select(r => r.Kind)], rendering.Diagnostics);
        }
        else
        {
            var rendering = IstioTranslator.Translate(mesh, site.Name, IstioRenderOptions.Default with { Profile = profile });
            stream = YamlStreamWriter.Build(rendering.Resources);
            summary = IstioSummary(site, rendering);
        }
        YamlStreamWriter.Write(output.Out, stream);
        RenderSummary.Write([summary], target == "appmesh" ? "standard output (App Mesh controller custom resources)" : "standard output", output.Error);
        return ExitCodes.Success;
    }

    private static int RenderTerraform(FederatedMesh mesh, IReadOnlyList<Site> sites, bool allSites, string outFolder, CliOutput output)
    {
        var rendered = sites.Select(s => TerraformInputsTranslator.Translate(mesh, s.Name)).ToList();
        // A platform no module provisions: writing inputs that name it would only fail later, at plan.
        var errors = rendered.SelectMany(r => r.Diagnostics).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                output.Out.WriteLine(error);
            return ExitCodes.InvalidInput;
        }
        var written = rendered.Select(r => (r.Inputs, TerraformVarsWriter.Write(Path.Combine(outFolder, r.Inputs.SiteName), r.Inputs))).ToList();
        List<string> withoutGateway = allSites ? [.. mesh.Sites.Where(s => !TerraformInputsTranslator.Renders(s)).Select(s => s.Name)] : [];
        TerraformRenderReport.Write(written, [.. rendered.SelectMany(r => r.Diagnostics)], withoutGateway, outFolder, output.Out);
        return ExitCodes.Success;
    }

    private static Option<string> Choice(string name, string description, string @default, string[] allowed)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => @default };
        option.AcceptOnlyFromAmong(allowed);
        return option;
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
