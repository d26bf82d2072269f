namespace MeshFed.Federation.Analysis;

/// <summary>One finding in <c>-o json</c>.</summary>
internal sealed record AnalysisJsonFinding(
    string Severity, string Code, string Hop, string Site, string? Service, string? File, string? RenderedSite, string? Resource,
    string ManifestPath, string? ManifestFile, int? Line, int? Column, string Message, string Fix, IReadOnlyList<string> Paths);
