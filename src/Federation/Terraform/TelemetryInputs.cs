using System.Text.Json.Serialization;

namespace MeshFed.Federation.Terraform;

/// <summary>The manifest's telemetry settings; the modules grant the export permissions they imply.</summary>
public sealed record TelemetryInputs
{
    /// <summary>Metric sinks (manifest words: cloudwatch, cloud-monitoring, prometheus, otlp, local).</summary>
    [JsonPropertyName("metrics")] public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>Trace sinks (xray, cloud-trace, otlp, local).</summary>
    [JsonPropertyName("traces")] public required IReadOnlyList<string> Traces { get; init; }

    /// <summary>Fraction of traces sampled, 0–1.</summary>
    [JsonPropertyName("sampling")] public required double Sampling { get; init; }
}
