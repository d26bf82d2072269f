using System.Net;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// The <c>--telemetry-endpoint SINK=URL</c> overrides of <c>meshfed gateway</c>: VPC/Private Service Connect
/// endpoints, a regional collector, or a loopback capture in tests and benchmarks. <c>xray-daemon=HOST:PORT</c>
/// sends X-Ray segments over UDP to the daemon instead of the API.
/// </summary>
public static class TelemetryEndpoints
{
    /// <summary>The sink names an override may name.</summary>
    public static readonly IReadOnlyList<string> Sinks = ["cloudwatch", "xray", "xray-daemon", "cloud-monitoring", "cloud-trace", "otlp"];

    /// <summary>Applies <paramref name="overrides"/> to <paramref name="options"/>; the error names the bad value and the fix.</summary>
    public static (TelemetryOptions? Options, string? Error) Apply(TelemetryOptions options, IEnumerable<string> overrides)
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
        return (options, null);
    }
}
