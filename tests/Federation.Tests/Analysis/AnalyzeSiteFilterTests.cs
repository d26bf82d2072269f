using MeshFed.Federation.Analysis;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analysis;

/// <summary>
/// <c>analyze --site</c> and <c>render --site</c>'s gate walk only the paths that start or end on the site, and skip
/// the report-only checks of other sites: what they report must be exactly the whole analysis' paths and findings
/// about that site, in the same order.
/// </summary>
public sealed class AnalyzeSiteFilterTests
{
    [Theory]
    [InlineData("examples/shop", "aws-use1")]
    [InlineData("examples/shop", "gcp-euw1")]
    [InlineData("examples/shop", "dc-berlin")]
    [InlineData("examples/shop-lattice", "aws-use1")]
    [InlineData("examples/shop-lattice", "dc-berlin")]
    [InlineData("examples/demo", "aws-local")]
    [InlineData("examples/demo", "gcp-local")]
    public void ASitesAnalysis_IsTheWholeAnalysisAboutThatSite(string manifest, string site)
    {
        var loaded = ManifestLoader.Load(RepoPaths.Of(manifest));
        var mesh = loaded.Mesh!;
        var rendering = RenderedFederation.Render(mesh);

        var whole = FederationAnalyzer.Analyze(mesh, loaded.Sources, rendering, (IReadOnlyCollection<string>?)null);
        var filtered = FederationAnalyzer.Analyze(mesh, loaded.Sources, rendering, [site]);

        var expectedRows = whole.Paths.Where(p => p.Caller == site || p.Serving == site).ToList();
        Assert.NotEmpty(expectedRows);
        Assert.Equal(JsonTexts.Of(expectedRows), JsonTexts.Of(filtered.Paths));
        // A finding about another site stays when it stops a path of this one (a broken gateway there), with those
        // paths only; the site's own findings stay whole.
        var ids = expectedRows.Select(p => $"{p.Caller} → {p.Service}:{p.Port} [{p.Route}] {p.Version}@{p.Serving} ({p.Weight}%)").ToHashSet();
        var expectedFindings = whole.Findings
            .Select(f => f with { Paths = [.. f.Paths.Where(ids.Contains)] })
            .Where(f => f.Site == site || f.Paths.Count > 0)
            .ToList();
        Assert.Equal(JsonTexts.Of(expectedFindings), JsonTexts.Of(filtered.Findings));
        Assert.Contains(filtered.Findings, f => f.Paths.Count > 0);
    }
}
