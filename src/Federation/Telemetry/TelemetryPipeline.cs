using System.Diagnostics;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Gateway.Hosting;
using MeshFed.Model;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// The telemetry fan-out: from the manifest's <see cref="TelemetrySettings"/> and the site a gateway runs in, adds
/// the golden-signal meter and activity source, the latency buckets, the sampler and one exporter per sink to
/// OpenTelemetry's builders (CloudWatch through PutMetricData, or as EMF events to the CloudWatch agent when
/// <see cref="TelemetryOptions.CloudWatchAgent"/> is set). Metrics go through a periodic reader each (delta
/// temporality for CloudWatch and the local store, cumulative for Cloud Monitoring and OTLP); spans through a batch
/// processor each, whose queue drops are counted. The host (gateway, <c>meshfed up</c>) builds and disposes the
/// providers.
/// </summary>
public static class TelemetryPipeline
{
    /// <summary>The meter of the exporters' own counters (<c>meshfed.export.sent/dropped/retries</c> by <c>meshfed.sink</c>).</summary>
    public const string ExportMeterName = "MeshFed.Telemetry";

    private static readonly Lazy<HttpClient> s_http = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>
    /// Adds the exporters the manifest asks for to <paramref name="metrics"/> and <paramref name="traces"/>, for a
    /// gateway in <paramref name="site"/>. CloudWatch and X-Ray use the site's region (or, for a site outside AWS,
    /// the first AWS site's); Cloud Monitoring and Cloud Trace the site's project (or the first GCP site's). A sink
    /// that cannot be used is skipped and listed in the result, never an exception.
    /// </summary>
    public static TelemetryWiring AddMeshFedExporters(MeterProviderBuilder metrics, TracerProviderBuilder traces, FederatedMesh mesh, Site site, TelemetryOptions options)
    {
        var settings = mesh.Telemetry;
        var wiring = new TelemetryWiring();
        var http = options.Http ?? s_http.Value;
        var interval = (int)options.ExportInterval.TotalMilliseconds;

        // The gateway's meter, latency buckets and sampler have one definition, shared with the gateway host.
        GatewayTelemetry.AddGoldenSignals(metrics, traces, settings);
        metrics.AddMeter(ExportMeterName);

        var awsRegion = site.Provider == CloudProvider.Aws && site.Region is { } own ? own
            : mesh.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Aws && s.Region is not null)?.Region;
        var gcpProject = site.Provider == CloudProvider.Gcp && site.Project is { } mine ? mine
            : mesh.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Gcp && s.Project is not null)?.Project;
        Func<AwsCredentials> aws = options.AwsCredentials ?? AwsCredentialChain.Resolve;

        void Reader(BaseExporter<Metric> exporter, MetricReaderTemporalityPreference temporality) =>
            metrics.AddReader(new PeriodicExportingMetricReader(exporter, interval) { TemporalityPreference = temporality });

        // CloudWatch through the agent: EMF events, no region or credentials here (the agent has them).
        void AgentReader(Uri agent)
        {
            var emf = new CloudWatchEmfExporterOptions { Agent = agent, LogGroupName = options.CloudWatchLogGroup, Delivery = options.Delivery };
            try
            {
                Reader(new CloudWatchEmfExporter(emf), MetricReaderTemporalityPreference.Delta);
                wiring.Add($"metrics: cloudwatch agent (EMF) {emf.Address}");
            }
            catch (ArgumentException e)
            {
                wiring.Skip($"metrics: cloudwatch agent (EMF): {e.Message}");
            }
        }

        foreach (var sink in settings.Metrics.Distinct())
        {
            switch (sink)
            {
                case MetricsSink.Local:
                    Reader(new LocalMetricExporter(Store(wiring, options), options.Delivery.MaxPendingItems), MetricReaderTemporalityPreference.Delta);
                    wiring.Add($"metrics: local {wiring.Store!.Path}");
                    break;
                case MetricsSink.CloudWatch when options.CloudWatchAgent is { } agent:
                    AgentReader(agent);
                    break;
                case MetricsSink.CloudWatch when awsRegion is null:
                    wiring.Skip("metrics: cloudwatch: no AWS site with a region in the manifest");
                    break;
                case MetricsSink.CloudWatch:
                    Reader(new CloudWatchMetricExporter(new CloudWatchExporterOptions
                    {
                        Region = awsRegion,
                        EndpointUrl = options.CloudWatchEndpoint,
                        Delivery = options.Delivery,
                    }, http, aws), MetricReaderTemporalityPreference.Delta);
                    wiring.Add($"metrics: cloudwatch {awsRegion}");
                    break;
                case MetricsSink.CloudMonitoring when gcpProject is null:
                    wiring.Skip("metrics: cloud-monitoring: no GCP site with a project in the manifest");
                    break;
                case MetricsSink.CloudMonitoring:
                    Reader(new CloudMonitoringMetricExporter(new CloudMonitoringExporterOptions
                    {
                        ProjectId = gcpProject,
                        EndpointUrl = options.CloudMonitoringEndpoint,
                        Resource = new MonitoredTask(site.Region ?? "global", mesh.Name, "meshfed-gateway", $"{site.Name}/{options.Instance}"),
                        Delivery = options.Delivery,
                    }, http, options.GoogleAccessToken ?? GoogleAccessTokens.ApplicationDefault(GoogleAccessTokens.MonitoringScope)),
                        MetricReaderTemporalityPreference.Cumulative);
                    wiring.Add($"metrics: cloud-monitoring {gcpProject}");
                    break;
                case MetricsSink.Otlp:
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        if (options.OtlpEndpoint is { } endpoint)
                            exporter.Endpoint = endpoint;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                        reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                    });
                    wiring.Add($"metrics: otlp {(options.OtlpEndpoint is { } shown ? EndpointText.Redacted(shown) : "(OTEL_EXPORTER_OTLP_ENDPOINT or default)")}");
                    break;
                case MetricsSink.Prometheus:
                    wiring.Add("metrics: prometheus, scraped from the gateway's admin listener (/metrics)"); // served by the host, nothing to push
                    break;
            }
        }

        void Processor(BaseExporter<Activity> exporter, string sink) =>
            traces.AddProcessor(new CountingBatchSpanProcessor(exporter, sink, options.MaxSpanQueue));

        foreach (var sink in settings.Traces.Distinct())
        {
            switch (sink)
            {
                case TraceSink.Local:
                    Processor(new LocalSpanExporter(Store(wiring, options), options.Delivery.MaxPendingItems), LocalSpanExporter.SinkName);
                    wiring.Add($"traces: local {wiring.Store!.Path}");
                    break;
                case TraceSink.XRay when options.XRayDaemon is { } daemon:
                    Processor(new XRayDaemonExporter(daemon), XRayDaemonExporter.SinkName);
                    wiring.Add($"traces: xray daemon {daemon}");
                    break;
                case TraceSink.XRay when awsRegion is null:
                    wiring.Skip("traces: xray: no AWS site with a region in the manifest");
                    break;
                case TraceSink.XRay:
                    Processor(new XRayTraceExporter(new XRayExporterOptions { Region = awsRegion, EndpointUrl = options.XRayEndpoint, Delivery = options.Delivery }, http, aws),
                        XRayTraceExporter.SinkName);
                    wiring.Add($"traces: xray {awsRegion}");
                    break;
                case TraceSink.CloudTrace when gcpProject is null:
                    wiring.Skip("traces: cloud-trace: no GCP site with a project in the manifest");
                    break;
                case TraceSink.CloudTrace:
                    Processor(new CloudTraceExporter(new CloudTraceExporterOptions { ProjectId = gcpProject, EndpointUrl = options.CloudTraceEndpoint, Delivery = options.Delivery },
                        http, options.GoogleAccessToken ?? GoogleAccessTokens.ApplicationDefault(GoogleAccessTokens.TraceScope)), CloudTraceExporter.SinkName);
                    wiring.Add($"traces: cloud-trace {gcpProject}");
                    break;
                case TraceSink.Otlp:
                    traces.AddOtlpExporter(exporter =>
                    {
                        if (options.OtlpEndpoint is { } endpoint)
                            exporter.Endpoint = endpoint;
                        exporter.BatchExportProcessorOptions.MaxQueueSize = options.MaxSpanQueue;
                    });
                    wiring.Add($"traces: otlp {(options.OtlpEndpoint is { } shown ? EndpointText.Redacted(shown) : "(OTEL_EXPORTER_OTLP_ENDPOINT or default)")}");
                    break;
            }
        }
        return wiring;
    }

    private static LocalTelemetryStore Store(TelemetryWiring wiring, TelemetryOptions options) =>
        wiring.Store ??= new LocalTelemetryStore(options.StorePath);
}
