using System.Runtime.CompilerServices;
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

    private static readonly ConditionalWeakTable<object, object> Configured = new();

    /// <summary>Builds the pipelines for <paramref name="settings"/>; <paramref name="configure"/> adds exporters.</summary>
    public static GatewayTelemetry Create(TelemetrySettings settings, Action<MeterProviderBuilder, TracerProviderBuilder>? configure = null)
    {
        var metrics = Sdk.CreateMeterProviderBuilder().AddPrometheusExporter();
        var tracing = Sdk.CreateTracerProviderBuilder().AddAspNetCoreInstrumentation();
        AddGoldenSignals(metrics, tracing, settings);
        configure?.Invoke(metrics, tracing);
        return new GatewayTelemetry(metrics.Build()!, tracing.Build()!);
    }

    /// <summary>
    /// The golden-signal meter with the manifest's latency buckets, the gateway's spans, and parent-based
    /// sampling at the manifest's rate. Applied once per builder however often it is called, because a second
    /// histogram view would export every latency point twice.
    /// </summary>
    public static void AddGoldenSignals(MeterProviderBuilder metrics, TracerProviderBuilder tracing, TelemetrySettings settings)
    {
        if (!Configured.TryAdd(metrics, metrics))
            return;
        metrics.AddMeter(GoldenSignals.SourceName).AddView(GoldenSignals.Duration, new ExplicitBucketHistogramConfiguration
        {
            Boundaries = [.. settings.LatencyBuckets.Select(b => b.TotalSeconds)],
        });
        // A remote parent that is not sampled gets the manifest's rate rather than never: the local listener clears
        // the flag of callers not entitled to decide (LocalSamplingGuard), and their requests must still be sampled
        // at the rate. The ratio sampler decides by trace id, so a peer gateway at the same rate decided the same.
        var ratio = new TraceIdRatioBasedSampler(settings.Sampling);
        tracing.AddSource(GoldenSignals.SourceName)
            .SetSampler(new ParentBasedSampler(ratio, remoteParentNotSampled: ratio));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tracer.Dispose();
        Meters.Dispose();
    }
}
