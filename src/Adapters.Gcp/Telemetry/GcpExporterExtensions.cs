using MeshFed.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// The Google Cloud exporters on OpenTelemetry's builders, in OpenTelemetry's style (<c>AddZipkinExporter</c>):
/// each joins the builder's fan-out (<see cref="FanOutBuilderExtensions"/>), so every sink shares one metric
/// reader per temporality and one span processor. Options are checked here, so a bad one fails the wiring.
/// </summary>
public static class GcpExporterExtensions
{
    /// <summary>
    /// Cloud Monitoring <c>timeSeries.create</c>; <paramref name="accessToken"/> defaults to application-default
    /// credentials. Its CUMULATIVE points are added up from the delta reader the other sinks share
    /// (<see cref="CumulativeSink"/>): a cumulative reader of its own would aggregate every measurement once more.
    /// </summary>
    public static MeterProviderBuilder AddCloudMonitoringExporter(this MeterProviderBuilder builder, Action<CloudMonitoringExporterOptions> configure,
        HttpClient? http = null, Func<CancellationToken, Task<string>>? accessToken = null)
    {
        var options = new CloudMonitoringExporterOptions();
        configure(options);
        options.Validated();
        return builder.AddMetricSink(CloudMonitoringMetricExporter.SinkName, MetricReaderTemporalityPreference.Delta,
            _ => new CumulativeSink(new CloudMonitoringMetricExporter(options, http ?? ExportHttp.Shared,
                accessToken ?? GoogleAccessTokens.ApplicationDefault(GoogleAccessTokens.MonitoringScope))));
    }

    /// <summary>Cloud Trace <c>traces:batchWrite</c>; <paramref name="accessToken"/> defaults to application-default credentials.</summary>
    public static TracerProviderBuilder AddCloudTraceExporter(this TracerProviderBuilder builder, Action<CloudTraceExporterOptions> configure,
        HttpClient? http = null, Func<CancellationToken, Task<string>>? accessToken = null)
    {
        var options = new CloudTraceExporterOptions();
        configure(options);
        options.Validated();
        return builder.AddSpanSink(CloudTraceExporter.SinkName,
            _ => new CloudTraceExporter(options, http ?? ExportHttp.Shared, accessToken ?? GoogleAccessTokens.ApplicationDefault(GoogleAccessTokens.TraceScope)));
    }
}
