namespace MeshFed.Federation.Analysis;

/// <summary>The document <c>meshfed analyze -o json</c> prints.</summary>
internal sealed record AnalysisJsonReport(
    string Path, string Mesh, bool Works, int Errors, int Warnings, int Paths, int WorkingPaths,
    IReadOnlyList<AnalysisJsonFinding> Findings, IReadOnlyList<PathRow> PathTable);
