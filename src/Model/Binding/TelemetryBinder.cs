using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>spec.telemetry</c>.</summary>
internal static class TelemetryBinder
{
    public static readonly string[] Fields = ["metrics", "traces", "sampling", "latencyBuckets"];

    public static TelemetrySettings? Bind(BindContext context, ManifestNode node, string path)
    {
        var telemetry = ObjectReader.Open(context, node, path, "telemetry", Fields);
        if (telemetry is null)
            return null;
        var defaults = TelemetrySettings.Default;
        return new TelemetrySettings
        {
            Metrics = telemetry.Has("metrics") ? telemetry.ValueList("metrics", Scalars.Enum<MetricsSink>) : defaults.Metrics,
            Traces = telemetry.Has("traces") ? telemetry.ValueList("traces", Scalars.Enum<TraceSink>) : defaults.Traces,
            Sampling = telemetry.Double("sampling", 0, 1) ?? defaults.Sampling,
            LatencyBuckets = telemetry.Has("latencyBuckets") ? telemetry.ValueList("latencyBuckets", Scalars.Duration) : defaults.LatencyBuckets,
        };
    }
}
