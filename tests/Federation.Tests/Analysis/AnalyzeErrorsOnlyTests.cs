using MeshFed.Federation.Analysis;
using MeshFed.Federation.Tests.Analyze;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analysis;

/// <summary>
/// <c>render</c>'s gate reads only errors, so its analysis keeps no warning and skips the checks that can only warn
/// (bench/README.md, "Ninth session"): its errors must be exactly the whole analysis' errors, in the same order, on
/// this checkout's renderings and on f6b0cea's frozen ones (which are full of faults).
/// </summary>
public sealed class AnalyzeErrorsOnlyTests
{
    private static readonly string[] s_inputs =
    [
        "examples/shop", "examples/shop-lattice", "examples/demo",
        "tests/Federation.Tests/testdata/analyze/caller-identity", "tests/Federation.Tests/testdata/analyze/lattice-grpc",
        "frozen:" + F6b0ceaProbe.First, "frozen:" + F6b0ceaProbe.AppMesh, "frozen:f6b0cea-istio",
        "current:" + F6b0ceaProbe.First, "current:f6b0cea-istio",
    ];

    public static TheoryData<string> Inputs => [.. s_inputs];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void WithoutWarnings_TheErrorsAreTheWholeAnalysisErrors(string input)
    {
        var whole = Analyze(input, keepWarnings: true);
        var errorsOnly = Analyze(input, keepWarnings: false);

        Assert.Equal(JsonTexts.Of(whole.Findings.Where(f => f.Severity == Severity.Error)), JsonTexts.Of(errorsOnly.Findings));
    }

    [Fact]
    public void TheInputsHoldBothErrorsAndWarnings()
    {
        // Otherwise the theory above could not fail.
        var findings = s_inputs.SelectMany(i => Analyze(i, keepWarnings: true).Findings).ToList();
        Assert.Contains(findings, f => f.Severity == Severity.Error);
        Assert.Contains(findings, f => f.Severity == Severity.Warning && f.Code == AnalysisCodes.RemoteHostNeedsDnsCapture);
        Assert.Contains(findings, f => f.Severity == Severity.Warning && f.Code == AnalysisCodes.SourceIpHash);
        Assert.Contains(findings, f => f.Severity == Severity.Warning && f.Code is not (AnalysisCodes.RemoteHostNeedsDnsCapture or AnalysisCodes.SourceIpHash));
    }

    private static AnalysisResult Analyze(string input, bool keepWarnings)
    {
        // A probe's frozen rendering as f6b0cea's modules deployed it, or the probe as this checkout renders and deploys it.
        if (input.Split(':') is [var kind, var probe])
        {
            var (mesh, loaded) = F6b0ceaProbe.Load(probe);
            var (rendering, modules) = kind == "frozen"
                ? (F6b0ceaProbe.Read(probe), F6b0ceaProbe.Modules)
                : (RenderedFederation.Render(mesh), GatewayModules.Current);
            return FederationAnalyzer.Analyze(mesh, loaded.Sources, rendering, null, modules, keepTable: keepWarnings, keepWarnings: keepWarnings);
        }
        var current = ManifestLoader.Load(RepoPaths.Of(input));
        return FederationAnalyzer.Analyze(current.Mesh!, current.Sources, RenderedFederation.Render(current.Mesh!), null,
            keepTable: keepWarnings, keepWarnings: keepWarnings);
    }
}
