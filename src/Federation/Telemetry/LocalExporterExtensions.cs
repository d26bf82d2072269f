using MeshFed.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Federation.Telemetry;

/// <summary>The local store's exporters on OpenTelemetry's builders, joining the builder's fan-out (<see cref="FanOutBuilderExtensions"/>).</summary>
public static class LocalExporterExtensions
{
    /// <summary>Metric points into <paramref name="store"/> (delta temporality).</summary>
    public static MeterProviderBuilder AddLocalExporter(this MeterProviderBuilder builder, LocalTelemetryStore store, int maxPending = 10_000) =>
        builder.AddMetricSink(LocalMetricExporter.SinkName, MetricReaderTemporalityPreference.Delta, _ => new LocalMetricExporter(store, maxPending));

    /// <summary>Spans into <paramref name="store"/>.</summary>
    public static TracerProviderBuilder AddLocalExporter(this TracerProviderBuilder builder, LocalTelemetryStore store, int maxPending = 10_000) =>
        builder.AddSpanSink(LocalSpanExporter.SinkName, _ => new LocalSpanExporter(store, maxPending));
}
