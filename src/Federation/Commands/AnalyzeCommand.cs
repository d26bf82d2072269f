using System.CommandLine;
using MeshFed.Federation.Analysis;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Federation.Terraform;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Commands;

/// <summary>
/// <c>meshfed analyze &lt;path&gt; [--site S] [-o text|wide|json]</c>: "will this federation work?" Renders every
/// site in memory, derives each site's gateway deployment, walks every path hop by hop and reports each
/// broken path once, at the first hop where it stops. Exit codes as <c>validate</c>.
/// </summary>
public sealed class AnalyzeCommand : Command
{
    /// <summary>The manifest file or folder.</summary>
    public Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--site</c>.</summary>
    public Option<string?> SiteOption { get; } = new("--site") { Description = "Only paths that start or end on this site." };

    /// <summary><c>--output</c>, <c>-o</c>.</summary>
    public Option<string> OutputOption { get; } = CreateOutputOption();

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public AnalyzeCommand(CliOutput output)
        : base("analyze", "Will this federation work? Walk every cross-site path of the rendered configuration hop by hop and report where it stops.")
    {
        Add(PathArgument);
        Add(SiteOption);
        Add(OutputOption);
        SetAction(parse => OneShotCollection.Run(() => Run(Read(parse), output)));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public AnalyzeRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Site = parse.GetValue(SiteOption),
        Format = parse.GetValue(OutputOption) ?? "text",
    };

    private static Option<string> CreateOutputOption()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "text (findings), wide (findings and the path table per service) or json (for scripts).",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "wide", "json");
        return option;
    }

    /// <summary>Analyzes the manifest and prints the result; returns the exit code.</summary>
    public static int Run(AnalyzeRequest request, CliOutput output)
    {
        var (path, site, format) = (request.Path, request.Site, request.Format);
        var loaded = ManifestLoader.Load(path);
        if (loaded.Mesh is not { } mesh)
        {
            ValidationReport.WriteText(path, loaded, output.Out);
            return ExitCodes.InvalidInput;
        }
        if (site is not null && ManifestInput.FindSiteOrReport(mesh, site, output) is null)
            return ExitCodes.Usage;
        // A gateway no module can provision has no deployment to analyze: an input error, as render reports it.
        var platformErrors = TerraformInputsTranslator.PlatformErrors(mesh, mesh.Sites);
        if (platformErrors.Count > 0)
        {
            foreach (var error in platformErrors)
                output.Error.WriteLine(error);
            return ExitCodes.InvalidInput;
        }
        var result = FederationAnalyzer.Analyze(mesh, loaded.Sources, RenderedFederation.Render(mesh), site);
        if (format == "json")
            AnalysisReport.WriteJson(path, result, output.Out);
        else
            AnalysisReport.WriteText(path, result, wide: format == "wide", output.Out);
        return result.HasErrors ? ExitCodes.InvalidInput : ExitCodes.Success;
    }
}
