using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Validation;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>spec.telemetry</c>.</summary>
internal static class TelemetryBinder
{
    public static readonly ObjectShape Shape = new("telemetry", "telemetry",
    [
        Field.Optional("metrics", new ListRule(WordRule.Of<MetricsSink>()) { UniqueItems = true }),
        Field.Optional("traces", new ListRule(WordRule.Of<TraceSink>()) { UniqueItems = true }),
        Field.Optional("sampling", new NumberRule(0, 1), "The fraction of requests traced."),
        Field.Optional("latencyBuckets", new ListRule(DurationRule.Instance) { MaxItems = TelemetryValidator.MaxLatencyBuckets }),
    ]);

    public static TelemetrySettings? Bind(BindContext context, ManifestNode node, string path)
    {
        var telemetry = ObjectReader.Open(context, node, path, Shape);
        if (telemetry is null)
            return null;
        var defaults = TelemetrySettings.Default;
        return new TelemetrySettings
        {
            Metrics = telemetry.Has("metrics") ? telemetry.EnumList<MetricsSink>("metrics") : defaults.Metrics,
            Traces = telemetry.Has("traces") ? telemetry.EnumList<TraceSink>("traces") : defaults.Traces,
            Sampling = telemetry.Double("sampling") ?? defaults.Sampling,
            LatencyBuckets = telemetry.Has("latencyBuckets") ? telemetry.ValueList("latencyBuckets", Scalars.Duration) : defaults.LatencyBuckets,
        };
    }
}
