using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests;

/// <summary>Each invalid manifest yields exactly the expected errors, at the expected places, and no mesh.</summary>
public class InvalidCorpusTests
{
    [Theory]
    [MemberData(nameof(Corpus.InvalidData), MemberType = typeof(Corpus))]
    public void Load_InvalidManifest_ReportsExpectedErrorsAtTheirPositions(string name)
    {
        var @case = InvalidCase.Named(name);

        var result = ManifestLoader.Load(@case.Path);

        Assert.False(result.IsValid);
        Assert.Null(result.Mesh);
        var actual = result.Errors.Select(d => $"{d.Code}@{d.Location!.Line}:{d.Location.Column}").ToList();
        Assert.Equal(@case.Expected, actual);
        Assert.All(result.Errors, d =>
        {
            Assert.Equal(@case.Path, d.Location!.File);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
            Assert.False(string.IsNullOrWhiteSpace(d.Hint), $"{d} has no hint");
        });
    }

    [Fact]
    public void Corpus_CoversEveryValidationFacet()
    {
        var codes = Corpus.Invalid().SelectMany(c => c.Expected).Select(e => e.Split('@')[0]).ToHashSet();
        string[] required =
        [
            DiagnosticCodes.UnknownField, DiagnosticCodes.MissingField, DiagnosticCodes.WrongType, DiagnosticCodes.WrongKind,
            DiagnosticCodes.InvalidName, DiagnosticCodes.InvalidEnum, DiagnosticCodes.InvalidDuration, DiagnosticCodes.OutOfRange,
            DiagnosticCodes.InvalidValue, DiagnosticCodes.DuplicateName, DiagnosticCodes.UnknownReference, DiagnosticCodes.WeightsNotHundred,
            DiagnosticCodes.RouteShape, DiagnosticCodes.SiteShape, DiagnosticCodes.AppMeshLimit, DiagnosticCodes.DiscoveryMismatch,
            DiagnosticCodes.MissingGateway, DiagnosticCodes.TelemetryShape, DiagnosticCodes.ResilienceShape,
        ];
        var uncovered = required.Where(c => !codes.Contains(c)).ToList();
        Assert.True(uncovered.Count == 0, "no invalid manifest exercises " + string.Join(", ", uncovered));
    }
}
