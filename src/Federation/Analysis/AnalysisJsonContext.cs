using System.Text.Json.Serialization;

namespace MeshFed.Federation.Analysis;

/// <summary>Source-generated serialization of the analysis report (no reflection, no string-keyed JSON).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AnalysisJsonReport))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;
