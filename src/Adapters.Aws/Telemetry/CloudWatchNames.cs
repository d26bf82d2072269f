using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// How the golden-signal contract reads in CloudWatch: metric names and units, and dimension names for the
/// attributes. Other metrics and attributes keep their OpenTelemetry names (unit <c>None</c>).
/// </summary>
public static class CloudWatchNames
{
    /// <summary>Traffic: finished requests per period (Count).</summary>
    public const string Requests = "Requests";

    /// <summary>Latency: request duration (Seconds), as Values/Counts from the histogram buckets.</summary>
    public const string RequestDuration = "RequestDuration";

    /// <summary>Saturation: requests in flight (Count).</summary>
    public const string ActiveRequests = "ActiveRequests";

    /// <summary>The CloudWatch metric name and unit of an OpenTelemetry instrument.</summary>
    public static (string Name, string Unit) Metric(string instrument) => instrument switch
    {
        GoldenSignals.Requests => (Requests, "Count"),
        GoldenSignals.Duration => (RequestDuration, "Seconds"),
        GoldenSignals.Active => (ActiveRequests, "Count"),
        _ => (instrument, "None"),
    };

    /// <summary>The dimension name of an attribute: <c>meshfed.response_class</c> becomes <c>ResponseClass</c>.</summary>
    public static string Dimension(string attribute) => attribute switch
    {
        GoldenSignals.ServiceAttribute => "Service",
        GoldenSignals.SiteAttribute => "Site",
        GoldenSignals.VersionAttribute => "Version",
        GoldenSignals.ReporterAttribute => "Reporter",
        GoldenSignals.DirectionAttribute => "Direction",
        GoldenSignals.ResponseClassAttribute => "ResponseClass",
        _ => attribute,
    };
}
