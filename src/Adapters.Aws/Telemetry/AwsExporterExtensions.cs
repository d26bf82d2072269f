using System.Net;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// The AWS exporters on OpenTelemetry's builders, in OpenTelemetry's style (<c>AddZipkinExporter</c>): each joins
/// the builder's fan-out (<see cref="FanOutBuilderExtensions"/>), so every AWS and non-AWS sink shares one metric
/// reader per temporality and one span processor. Options are checked here, so a bad one fails the wiring, not
/// the first export.
/// </summary>
public static class AwsExporterExtensions
{
    /// <summary>CloudWatch <c>PutMetricData</c> (delta temporality); <paramref name="credentials"/> defaults to the standard chain.</summary>
    public static MeterProviderBuilder AddCloudWatchExporter(this MeterProviderBuilder builder, Action<CloudWatchExporterOptions> configure,
        HttpClient? http = null, Func<AwsCredentials>? credentials = null)
    {
        var options = Configured(configure).Validated();
        return builder.AddMetricSink(CloudWatchMetricExporter.SinkName, MetricReaderTemporalityPreference.Delta,
            _ => new CloudWatchMetricExporter(options, http ?? ExportHttp.Shared, credentials ?? AwsCredentialChain.Resolve));
    }

    /// <summary>CloudWatch through the CloudWatch agent: Embedded Metric Format events (delta temporality); no credentials here, the agent has them.</summary>
    public static MeterProviderBuilder AddCloudWatchEmfExporter(this MeterProviderBuilder builder, Action<CloudWatchEmfExporterOptions> configure)
    {
        var options = Configured(configure).Validated();
        return builder.AddMetricSink(CloudWatchEmfExporter.SinkName, MetricReaderTemporalityPreference.Delta, _ => new CloudWatchEmfExporter(options));
    }

    /// <summary>X-Ray <c>PutTraceSegments</c>; <paramref name="credentials"/> defaults to the standard chain.</summary>
    public static TracerProviderBuilder AddXRayExporter(this TracerProviderBuilder builder, Action<XRayExporterOptions> configure,
        HttpClient? http = null, Func<AwsCredentials>? credentials = null)
    {
        var options = Configured(configure).Validated();
        return builder.AddSpanSink(XRayTraceExporter.SinkName,
            _ => new XRayTraceExporter(options, http ?? ExportHttp.Shared, credentials ?? AwsCredentialChain.Resolve));
    }

    /// <summary>The X-Ray daemon over UDP (<c>127.0.0.1:2000</c> by default).</summary>
    public static TracerProviderBuilder AddXRayDaemonExporter(this TracerProviderBuilder builder, IPEndPoint? daemon = null) =>
        builder.AddSpanSink(XRayDaemonExporter.SinkName, _ => new XRayDaemonExporter(daemon));

    private static T Configured<T>(Action<T> configure)
        where T : new()
    {
        var options = new T();
        configure(options);
        return options;
    }
}
