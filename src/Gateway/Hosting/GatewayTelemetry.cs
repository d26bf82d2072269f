using MeshFed.Model;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// The process's OpenTelemetry pipelines for the gateways it runs: the golden-signal meter with the
/// manifest's latency buckets and a Prometheus exporter for <c>/metrics</c>, and tracing of the gateways'
/// requests sampled at the manifest's rate (parent-based, so a caller's sampling decision is kept). One per
/// process, however many gateways it runs, so no span or point is exported twice. Exporters to the clouds
/// are added by the caller through <see cref="Create"/>.
/// </summary>
public sealed class GatewayTelemetry(MeterProvider meters, TracerProvider tracer) : IDisposable
{
    /// <summary>The meter provider (serves <c>/metrics</c>).</summary>
    public MeterProvider Meters { get; } = meters;

    /// <summary>The tracer provider.</summary>
    public TracerProvider Tracer { get; } = tracer;

    /// <summary>Builds the pipelines for <paramref name="settings"/>.</summary>
    public static GatewayTelemetry Create(TelemetrySettings settings, Action<MeterProviderBuilder>? configureMetrics = null, Action<TracerProviderBuilder>? configureTracing = null)
    {
        var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(GoldenSignals.SourceName)
            .AddView(GoldenSignals.Duration, new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [.. settings.LatencyBuckets.Select(b => b.TotalSeconds)],
            })
            .AddPrometheusExporter();
        configureMetrics?.Invoke(metrics);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(GoldenSignals.SourceName)
            .AddAspNetCoreInstrumentation()
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.Sampling)));
        configureTracing?.Invoke(tracing);
        return new GatewayTelemetry(metrics.Build()!, tracing.Build()!);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tracer.Dispose();
        Meters.Dispose();
    }
}
