using MeshFed.Federation.Cli;
using MeshFed.Federation.Rendering;
using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// <c>meshfed render</c>'s refusal: before writing, the same analysis as <c>meshfed analyze</c>; a federation
/// it knows is broken on a site being rendered is not written unless <c>--force</c>.
/// </summary>
internal static class AnalysisGate
{
    /// <summary>
    /// True when rendering <paramref name="sites"/> may go on; prints the findings that decide it. The analysis
    /// reads every site's translation from <paramref name="renderings"/>, which the writer then reuses.
    /// </summary>
    public static bool Allows(string path, SiteRenderings renderings, SourceMap sources, IReadOnlyList<string> sites, bool force, CliOutput output)
    {
        // Paths that start or end on a rendered site: their faults may lie on another site, and still mean that
        // what is written here would not carry the traffic the manifest declares.
        var rendering = RenderedFederation.Render(renderings);
        var result = FederationAnalyzer.Analyze(renderings.Mesh, sources, rendering, sites, keepTable: false, keepWarnings: false);
        // A site the render refuses with its own positioned errors (Lattice limits) is not written whatever the
        // analysis says; those errors, which name the manifest's fix, are the ones to print.
        var errors = result.Findings.Where(f => f.Severity == Severity.Error && rendering.Of(f.Site).RenderErrors.Count == 0).ToList();
        if (errors.Count == 0)
            return true;
        foreach (var finding in errors)
            output.Error.WriteLine(finding);
        if (force)
        {
            output.Error.WriteLine($"meshfed: {path}: `meshfed analyze` finds {errors.Count} fault(s) on the sites rendered; writing anyway (--force)");
            return true;
        }
        output.Error.WriteLine($"meshfed: {path}: not written: `meshfed analyze` finds {errors.Count} fault(s) on the sites rendered, so this federation would not carry traffic " +
            "as the manifest says. Run `meshfed analyze " + path + " -o wide` for the paths, fix them, or pass --force to write anyway.");
        return false;
    }
}
