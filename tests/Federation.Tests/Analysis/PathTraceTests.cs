using MeshFed.Federation.Analysis;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analysis;

/// <summary>
/// <c>render</c>'s gate reads only the findings: its walk keeps no path table and does not even format the hops'
/// text (<see cref="PathTrace.HopText"/>), and finds exactly what <c>analyze</c>'s walk finds.
/// </summary>
public sealed class PathTraceTests
{
    [Fact]
    public void AHopOfATraceThatRecordsNone_IsNotFormatted()
    {
        var formatted = new FormatCounter();
        var recording = new PathTrace("a → b");
        var silent = new PathTrace("a → b", recordsHops: false);

        recording.Step($"hop {formatted}");
        silent.Step($"hop {formatted}");
        silent.Step("a plain hop");

        Assert.Equal(1, formatted.Count);
        Assert.Equal(["hop 1"], recording.Via);
        Assert.Empty(silent.Via);
    }

    [Theory]
    [InlineData("examples/shop")]
    [InlineData("examples/shop-lattice")]
    [InlineData("tests/Federation.Tests/testdata/analyze/caller-identity")]
    public void WithoutTheTable_TheFindingsAreTheSame(string manifest)
    {
        var loaded = ManifestLoader.Load(RepoPaths.Of(manifest));
        var rendering = RenderedFederation.Render(loaded.Mesh!);

        var full = FederationAnalyzer.Analyze(loaded.Mesh!, loaded.Sources, rendering, sites: null);
        var gate = FederationAnalyzer.Analyze(loaded.Mesh!, loaded.Sources, rendering, sites: null, keepTable: false);

        Assert.NotEmpty(full.Paths);
        Assert.Empty(gate.Paths);
        Assert.Equal(full.Findings.Select(f => f.ToString()), gate.Findings.Select(f => f.ToString()));
        Assert.Equal(full.Findings.Select(f => string.Join(",", f.Paths)), gate.Findings.Select(f => string.Join(",", f.Paths)));
    }

    private sealed class FormatCounter
    {
        public int Count { get; private set; }

        public override string ToString() => (++Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
