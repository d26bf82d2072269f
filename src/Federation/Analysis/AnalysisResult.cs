using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>What the analysis found: each fault once with the paths it stops, and every path walked.</summary>
/// <param name="Mesh">The mesh's name.</param>
/// <param name="Findings">Faults and degradations, errors first.</param>
/// <param name="Paths">Every path walked, in manifest order.</param>
internal sealed record AnalysisResult(string Mesh, IReadOnlyList<AnalysisFinding> Findings, IReadOnlyList<PathRow> Paths)
{
    /// <summary>True when some path does not carry traffic (or some object would be refused).</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>The number of paths that work.</summary>
    public int Working => Paths.Count(p => p.Status == PathStatus.Ok);
}
