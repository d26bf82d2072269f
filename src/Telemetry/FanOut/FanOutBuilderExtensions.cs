using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Telemetry;

/// <summary>
/// Adds sinks to OpenTelemetry's builders behind the fan-out exporters, in OpenTelemetry's style
/// (<c>AddZipkinExporter(this TracerProviderBuilder, …)</c>): the first metric sink of a temporality adds one
/// <see cref="PeriodicExportingMetricReader"/> with a <see cref="MetricFanOutExporter"/>, the next ones join it;
/// the first span sink adds one <see cref="CountingBatchSpanProcessor"/> with a <see cref="SpanFanOutExporter"/>.
/// Sinks are registered in the builder's services, so the fan-out is found again per builder with no static state.
/// The adapters' <c>AddCloudWatchExporter</c>, <c>AddCloudTraceExporter</c>… are built on these.
/// </summary>
public static class FanOutBuilderExtensions
{
    /// <summary>Sets the fan-out's interval, queue and timeout (<see cref="FanOutOptions"/>) for this builder's sinks.</summary>
    public static MeterProviderBuilder ConfigureFanOut(this MeterProviderBuilder builder, Action<FanOutOptions> configure) =>
        builder.ConfigureServices(services => services.Configure(configure));

    /// <summary>Sets the fan-out's queue and timeout (<see cref="FanOutOptions"/>) for this builder's sinks.</summary>
    public static TracerProviderBuilder ConfigureFanOut(this TracerProviderBuilder builder, Action<FanOutOptions> configure) =>
        builder.ConfigureServices(services => services.Configure(configure));

    /// <summary>
    /// Adds a metric sink fed by the one reader of <paramref name="temporality"/> (delta for CloudWatch and the
    /// local store, cumulative for Cloud Monitoring); <paramref name="create"/> runs when the provider is built.
    /// </summary>
    public static MeterProviderBuilder AddMetricSink(this MeterProviderBuilder builder, string name, MetricReaderTemporalityPreference temporality,
        Func<IServiceProvider, IExportSink<MetricSample>> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var firstOfItsTemporality = false;
        builder.ConfigureServices(services =>
        {
            firstOfItsTemporality = !services.Any(d => d.ImplementationInstance is MetricSinkRegistration r && r.Temporality == temporality);
            services.AddOptions();
            services.AddSingleton(new MetricSinkRegistration(name, temporality, create));
        });
        if (firstOfItsTemporality)
        {
            builder.AddReader(provider =>
            {
                var options = provider.GetRequiredService<IOptions<FanOutOptions>>().Value.Validated();
                var sinks = provider.GetServices<MetricSinkRegistration>().Where(r => r.Temporality == temporality).Select(r => (r.Name, r.Create(provider)));
                return new PeriodicExportingMetricReader(new MetricFanOutExporter(sinks, options), (int)options.ExportInterval.TotalMilliseconds)
                {
                    TemporalityPreference = temporality,
                };
            });
        }
        return builder;
    }

    /// <summary>Adds a span sink fed by the one batch processor of this builder; <paramref name="create"/> runs when the provider is built.</summary>
    public static TracerProviderBuilder AddSpanSink(this TracerProviderBuilder builder, string name, Func<IServiceProvider, IExportSink<SpanSample>> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var first = false;
        builder.ConfigureServices(services =>
        {
            first = !services.Any(d => d.ImplementationInstance is SpanSinkRegistration);
            services.AddOptions();
            services.AddSingleton(new SpanSinkRegistration(name, create));
        });
        if (first)
        {
            builder.AddProcessor(provider =>
            {
                var options = provider.GetRequiredService<IOptions<FanOutOptions>>().Value.Validated();
                var sinks = provider.GetServices<SpanSinkRegistration>().Select(r => (r.Name, Sink: r.Create(provider))).ToList();
                return new CountingBatchSpanProcessor(new SpanFanOutExporter(sinks, options), [.. sinks.Select(s => s.Sink.Counters)], options.MaxSpanQueue);
            });
        }
        return builder;
    }

    private sealed record MetricSinkRegistration(string Name, MetricReaderTemporalityPreference Temporality, Func<IServiceProvider, IExportSink<MetricSample>> Create);

    private sealed record SpanSinkRegistration(string Name, Func<IServiceProvider, IExportSink<SpanSample>> Create);
}
