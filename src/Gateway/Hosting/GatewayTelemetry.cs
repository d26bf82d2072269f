using System.Runtime.CompilerServices;
using MeshFed.Gateway.Tracing;
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
        // The gateway's spans are its own (RequestTracing), created only for sampled requests: ASP.NET Core's
        // instrumentation would make an Activity and a diagnostic event for every request.
        var tracing = Sdk.CreateTracerProviderBuilder();
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
        tracing.AddSource(GoldenSignals.SourceName).SetSampler(TraceSampling.For(settings.Sampling));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tracer.Dispose();
        Meters.Dispose();
    }
}
