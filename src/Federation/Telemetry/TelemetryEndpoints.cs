using System.Net;
using MeshFed.Adapters.Aws.Telemetry;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// The <c>--telemetry-endpoint SINK=URL</c> overrides of <c>meshfed gateway</c>: VPC/Private Service Connect
/// endpoints, a regional collector, or a loopback capture in tests and benchmarks. <c>xray-daemon=HOST:PORT</c>
/// sends X-Ray segments over UDP to the daemon instead of the API; <c>cloudwatch-agent=tcp://HOST:PORT</c> (or
/// <c>udp://</c>) sends CloudWatch metrics as EMF events to the CloudWatch agent instead of PutMetricData, as does
/// the official EMF libraries' <c>AWS_EMF_AGENT_ENDPOINT</c> when the command line names no agent.
/// </summary>
public static class TelemetryEndpoints
{
    /// <summary>The sink names an override may name.</summary>
    public static readonly IReadOnlyList<string> Sinks = ["cloudwatch", "cloudwatch-agent", "xray", "xray-daemon", "cloud-monitoring", "cloud-trace", "otlp"];

    /// <summary>The official EMF libraries' agent address variable: <c>tcp://host:port</c> or <c>udp://host:port</c>.</summary>
    public const string AgentEndpointVariable = "AWS_EMF_AGENT_ENDPOINT";

    /// <summary>The official EMF libraries' log group variable (<c>_aws.LogGroupName</c>).</summary>
    public const string LogGroupVariable = "AWS_EMF_LOG_GROUP_NAME";

    /// <summary>
    /// Applies <paramref name="overrides"/> to <paramref name="options"/>, then the EMF variables read through
    /// <paramref name="environment"/> (none when null) for what the overrides left unset; the error names the bad
    /// value and the fix.
    /// </summary>
    public static (TelemetryOptions? Options, string? Error) Apply(TelemetryOptions options, IEnumerable<string> overrides, Func<string, string?>? environment = null)
    {
        foreach (var entry in overrides)
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var sink = separator > 0 ? entry[..separator].Trim().ToLowerInvariant() : "";
            var value = separator > 0 ? entry[(separator + 1)..].Trim() : "";
            if (!Sinks.Contains(sink) || value.Length == 0)
                return (null, $"--telemetry-endpoint '{entry}': expected SINK=URL with SINK one of {string.Join(", ", Sinks)}, e.g. cloudwatch=https://monitoring.us-east-1.amazonaws.com");
            if (sink == "xray-daemon")
            {
                if (!IPEndPoint.TryParse(value, out var daemon) || daemon.Port == 0)
                    return (null, $"--telemetry-endpoint '{entry}': the X-Ray daemon is HOST:PORT with an IP address, e.g. xray-daemon=127.0.0.1:2000");
                options = options with { XRayDaemon = daemon };
                continue;
            }
            if (sink == "cloudwatch-agent")
            {
                if (Agent(value) is not { } agent)
                    return (null, $"--telemetry-endpoint '{entry}': {AgentFix("cloudwatch-agent=")}");
                options = options with { CloudWatchAgent = agent };
                continue;
            }
            if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                return (null, $"--telemetry-endpoint '{entry}': '{value}' is not an http(s) URL, e.g. {sink}=https://host:443");
            options = sink switch
            {
                "cloudwatch" => options with { CloudWatchEndpoint = url },
                "xray" => options with { XRayEndpoint = url },
                "cloud-monitoring" => options with { CloudMonitoringEndpoint = url },
                "cloud-trace" => options with { CloudTraceEndpoint = url },
                _ => options with { OtlpEndpoint = url },
            };
        }
        return FromEnvironment(options, environment);
    }

    private static (TelemetryOptions? Options, string? Error) FromEnvironment(TelemetryOptions options, Func<string, string?>? environment)
    {
        if (environment is null)
            return (options, null);
        if (options.CloudWatchAgent is null && environment(AgentEndpointVariable) is { Length: > 0 } endpoint)
        {
            // The official libraries log a bad value and fall back to their default endpoint; a gateway says so and stops instead.
            if (Agent(endpoint.Trim()) is not { } agent)
                return (null, $"{AgentEndpointVariable}='{endpoint}': {AgentFix($"{AgentEndpointVariable}=")}");
            options = options with { CloudWatchAgent = agent };
        }
        if (environment(LogGroupVariable) is { Length: > 0 } logGroup)
        {
            if (CloudWatchEmfExporterOptions.LogGroupError(logGroup) is { } error)
                return (null, $"{LogGroupVariable}='{logGroup}': {error}");
            options = options with { CloudWatchLogGroup = logGroup };
        }
        return (options, null);
    }

    private static Uri? Agent(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var agent) && CloudWatchEmfExporterOptions.AgentError(agent) is null ? agent : null;

    private static string AgentFix(string prefix) =>
        $"the CloudWatch agent is tcp://HOST:PORT or udp://HOST:PORT (EMF, port {CloudWatchEmfExporterOptions.DefaultPort} when left out), e.g. {prefix}tcp://127.0.0.1:{CloudWatchEmfExporterOptions.DefaultPort}";
}
