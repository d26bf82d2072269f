using System.Net;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Model;
using Microsoft.Extensions.Logging;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// Everything the telemetry pipeline needs beyond the manifest: where the local store lives, endpoint overrides
/// (tests, VPC endpoints, collectors), credentials, the export interval and the delivery bounds. Defaults suit a
/// gateway in production; every endpoint can point at loopback.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>The local store's file (<c>.meshfed/telemetry.db</c> under the working directory by default).</summary>
    public string StorePath { get; init; } = LocalTelemetryStore.DefaultPath;

    /// <summary>How often metrics are exported (CloudWatch's standard resolution is 60 s; Cloud Monitoring needs ≥ 5 s).</summary>
    public TimeSpan ExportInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Overrides the CloudWatch endpoint.</summary>
    public Uri? CloudWatchEndpoint { get; init; }

    /// <summary>
    /// Sends the <c>cloudwatch</c> metrics as Embedded Metric Format events to this CloudWatch agent
    /// (<c>tcp://host:port</c> or <c>udp://host:port</c>, port 25888 by default) instead of calling PutMetricData; no
    /// region or credentials needed then (the agent has them).
    /// </summary>
    public Uri? CloudWatchAgent { get; init; }

    /// <summary>The log group of those events (<c>_aws.LogGroupName</c>, which the agent requires).</summary>
    public string CloudWatchLogGroup { get; init; } = CloudWatchEmfExporterOptions.DefaultLogGroupName;

    /// <summary>Overrides the X-Ray endpoint.</summary>
    public Uri? XRayEndpoint { get; init; }

    /// <summary>Sends X-Ray segments to this daemon (UDP) instead of the API.</summary>
    public IPEndPoint? XRayDaemon { get; init; }

    /// <summary>Overrides the Cloud Monitoring endpoint.</summary>
    public Uri? CloudMonitoringEndpoint { get; init; }

    /// <summary>Overrides the Cloud Trace endpoint.</summary>
    public Uri? CloudTraceEndpoint { get; init; }

    /// <summary>The OpenTelemetry Collector (OTLP); null means the OTLP exporter's own default and environment variables.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>AWS credentials, asked before every signed attempt; null means the standard chain.</summary>
    public Func<AwsCredentials>? AwsCredentials { get; init; }

    /// <summary>Google access tokens; null means application-default credentials.</summary>
    public Func<CancellationToken, Task<string>>? GoogleAccessToken { get; init; }

    /// <summary>The HTTP client the exporters share; null means one of their own (timeouts come from <see cref="Delivery"/>).</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Retries, per-attempt timeout and resend-buffer bound for every exporter.</summary>
    public ExportDelivery Delivery { get; init; } = ExportDelivery.Default;

    /// <summary>Spans queued for export per trace sink before new ones are dropped (and counted): OpenTelemetry's default.</summary>
    public int MaxSpanQueue { get; init; } = 2048;

    /// <summary>Where the exporters say why they fail (HTTP status and the start of the answer, rate-limited); nowhere when null.</summary>
    public ILoggerFactory? Logs { get; init; }

    /// <summary>The replica reporting (Cloud Monitoring's <c>task_id</c> after the site name); the host name by default.</summary>
    public string Instance { get; init; } = Environment.MachineName;
}
