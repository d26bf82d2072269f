using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Gateway.Hosting;
using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// From the manifest's <see cref="TelemetrySettings"/> and the site a gateway runs in, adds the golden-signal meter
/// and activity source, the latency buckets, the sampler and the manifest's sinks to OpenTelemetry's builders
/// (CloudWatch through PutMetricData, or as EMF events to the CloudWatch agent when
/// <see cref="TelemetryOptions.CloudWatchAgent"/> is set). The sinks join the fan-out
/// (<see cref="FanOutBuilderExtensions"/>): one delta periodic reader (Cloud Monitoring's running totals are added
/// up from it by <see cref="CumulativeSink"/>) and one batch span processor, so a measurement is aggregated and a
/// span queued once however many clouds receive it. OTLP keeps OpenTelemetry's own exporter, reader and processor.
/// The host (gateway, <c>meshfed up</c>) builds and disposes the providers.
/// </summary>
public static class TelemetryPipeline
{
    /// <summary>The meter of the exporters' own counters (<c>meshfed.export.sent/dropped/retries</c> by <c>meshfed.sink</c>).</summary>
    public const string ExportMeterName = ExportCounters.MeterName;

    /// <summary>
    /// Adds the exporters the manifest asks for to <paramref name="metrics"/> and <paramref name="traces"/>, for a
    /// gateway in <paramref name="site"/>. CloudWatch and X-Ray use the site's region (or, for a site outside AWS,
    /// the first AWS site's); Cloud Monitoring and Cloud Trace the site's project (or the first GCP site's). A sink
    /// that cannot be used is skipped and listed in the result, never an exception.
    /// </summary>
    public static TelemetryWiring AddMeshFedExporters(MeterProviderBuilder metrics, TracerProviderBuilder traces, FederatedMesh mesh, Site site, TelemetryOptions options)
    {
        var settings = mesh.Telemetry;
        var wiring = new TelemetryWiring(options.Logs);
        var http = options.Http ?? ExportHttp.Shared;

        // The gateway's meter, latency buckets and sampler have one definition, shared with the gateway host.
        GatewayTelemetry.AddGoldenSignals(metrics, traces, settings);
        metrics.AddMeter(ExportMeterName);
        metrics.ConfigureFanOut(o => o.ExportInterval = options.ExportInterval);
        traces.ConfigureFanOut(o => o.MaxSpanQueue = options.MaxSpanQueue);

        var awsRegion = site.Provider == CloudProvider.Aws && site.Region is { } own ? own
            : mesh.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Aws && s.Region is not null)?.Region;
        var gcpProject = site.Provider == CloudProvider.Gcp && site.Project is { } mine ? mine
            : mesh.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Gcp && s.Project is not null)?.Project;
        var aws = options.AwsCredentials ?? AwsCredentialChain.Resolve;
        var otlp = options.OtlpEndpoint is { } shown ? EndpointText.Redacted(shown) : "(OTEL_EXPORTER_OTLP_ENDPOINT or default)";

        foreach (var sink in settings.Metrics.Distinct())
        {
            switch (sink)
            {
                case MetricsSink.Local:
                    metrics.AddLocalExporter(Store(wiring, options), options.Delivery.MaxPendingItems);
                    wiring.Add($"metrics: local {wiring.Store!.Path}");
                    break;
                case MetricsSink.CloudWatch when options.CloudWatchAgent is { } agent:
                    // No region or credentials here (the agent has them); a malformed agent address is skipped with why.
                    var emf = new CloudWatchEmfExporterOptions { Agent = agent, LogGroupName = options.CloudWatchLogGroup, Delivery = options.Delivery };
                    try
                    {
                        metrics.AddCloudWatchEmfExporter(o => (o.Agent, o.LogGroupName, o.Delivery) = (emf.Agent, emf.LogGroupName, emf.Delivery));
                        wiring.Add($"metrics: cloudwatch agent (EMF) {emf.Address}");
                    }
                    catch (ArgumentException e)
                    {
                        wiring.Skip($"metrics: cloudwatch agent (EMF): {e.Message}");
                    }
                    break;
                case MetricsSink.CloudWatch when awsRegion is null:
                    wiring.Skip("metrics: cloudwatch: no AWS site with a region in the manifest");
                    break;
                case MetricsSink.CloudWatch:
                    metrics.AddCloudWatchExporter(o => (o.Region, o.EndpointUrl, o.Delivery) = (awsRegion, options.CloudWatchEndpoint, options.Delivery), http, aws);
                    wiring.Add($"metrics: cloudwatch {awsRegion}");
                    break;
                case MetricsSink.CloudMonitoring when gcpProject is null:
                    wiring.Skip("metrics: cloud-monitoring: no GCP site with a project in the manifest");
                    break;
                case MetricsSink.CloudMonitoring:
                    metrics.AddCloudMonitoringExporter(o => (o.ProjectId, o.EndpointUrl, o.Delivery, o.Resource) = (gcpProject, options.CloudMonitoringEndpoint, options.Delivery,
                        new MonitoredTask(site.Region ?? "global", mesh.Name, "meshfed-gateway", $"{site.Name}/{options.Instance}")), http, options.GoogleAccessToken);
                    wiring.Add($"metrics: cloud-monitoring {gcpProject}");
                    break;
                case MetricsSink.Otlp:
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        if (options.OtlpEndpoint is { } endpoint)
                            exporter.Endpoint = endpoint;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.ExportInterval.TotalMilliseconds;
                        reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                    });
                    wiring.Add($"metrics: otlp {otlp}");
                    break;
                case MetricsSink.Prometheus:
                    wiring.Add("metrics: prometheus, scraped from the gateway's admin listener (/metrics)"); // served by the host, nothing to push
                    break;
            }
        }

        foreach (var sink in settings.Traces.Distinct())
        {
            switch (sink)
            {
                case TraceSink.Local:
                    traces.AddLocalExporter(Store(wiring, options), options.Delivery.MaxPendingItems);
                    wiring.Add($"traces: local {wiring.Store!.Path}");
                    break;
                case TraceSink.XRay when options.XRayDaemon is { } daemon:
                    traces.AddXRayDaemonExporter(daemon);
                    wiring.Add($"traces: xray daemon {daemon}");
                    break;
                case TraceSink.XRay when awsRegion is null:
                    wiring.Skip("traces: xray: no AWS site with a region in the manifest");
                    break;
                case TraceSink.XRay:
                    traces.AddXRayExporter(o => (o.Region, o.EndpointUrl, o.Delivery) = (awsRegion, options.XRayEndpoint, options.Delivery), http, aws);
                    wiring.Add($"traces: xray {awsRegion}");
                    break;
                case TraceSink.CloudTrace when gcpProject is null:
                    wiring.Skip("traces: cloud-trace: no GCP site with a project in the manifest");
                    break;
                case TraceSink.CloudTrace:
                    traces.AddCloudTraceExporter(o => (o.ProjectId, o.EndpointUrl, o.Delivery) = (gcpProject, options.CloudTraceEndpoint, options.Delivery), http, options.GoogleAccessToken);
                    wiring.Add($"traces: cloud-trace {gcpProject}");
                    break;
                case TraceSink.Otlp:
                    traces.AddOtlpExporter(exporter =>
                    {
                        if (options.OtlpEndpoint is { } endpoint)
                            exporter.Endpoint = endpoint;
                        exporter.BatchExportProcessorOptions.MaxQueueSize = options.MaxSpanQueue;
                    });
                    wiring.Add($"traces: otlp {otlp}");
                    break;
            }
        }
        return wiring;
    }

    private static LocalTelemetryStore Store(TelemetryWiring wiring, TelemetryOptions options) =>
        wiring.Store ??= new LocalTelemetryStore(options.StorePath);
}
