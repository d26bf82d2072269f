namespace MeshFed.Model;

/// <summary>
/// The telemetry contract between the gateway (which records) and the exporters and <c>signals compare</c>
/// (which ship and read back): the OpenTelemetry meter and activity source names, the instruments carrying
/// the four golden signals, and their attributes. Like <see cref="DataPath"/>, one place for all parts.
/// </summary>
public static class GoldenSignals
{
    /// <summary>Name of the <c>System.Diagnostics.Metrics.Meter</c> and of the <c>ActivitySource</c>.</summary>
    public const string SourceName = "MeshFed.Gateway";

    /// <summary>Traffic: <c>Counter&lt;long&gt;</c> of finished requests (errors are the 5xx class of it).</summary>
    public const string Requests = "meshfed.requests";

    /// <summary>Latency: <c>Histogram&lt;double&gt;</c> in seconds, buckets from the manifest's <c>latencyBuckets</c>.</summary>
    public const string Duration = "meshfed.request.duration";

    /// <summary>Saturation: <c>UpDownCounter&lt;long&gt;</c> of requests in flight.</summary>
    public const string Active = "meshfed.requests.active";

    /// <summary>Attribute: the service's name.</summary>
    public const string ServiceAttribute = "meshfed.service";

    /// <summary>Attribute: the site serving the request (where the chosen version runs).</summary>
    public const string SiteAttribute = "meshfed.site";

    /// <summary>Attribute: the version serving the request.</summary>
    public const string VersionAttribute = "meshfed.version";

    /// <summary>Attribute: the site whose gateway recorded the measurement.</summary>
    public const string ReporterAttribute = "meshfed.reporter";

    /// <summary>Attribute: <c>outbound</c> (local listener, towards another site), <c>inbound</c> (peer listener) or <c>local</c> (local listener, delivered in this site).</summary>
    public const string DirectionAttribute = "meshfed.direction";

    /// <summary>Attribute: <c>2xx</c> … <c>5xx</c>; requests the gateway could not deliver count as <c>5xx</c>.</summary>
    public const string ResponseClassAttribute = "meshfed.response_class";

    /// <summary>The response class of a status code, as recorded in <see cref="ResponseClassAttribute"/>.</summary>
    public static string ResponseClass(int statusCode) => statusCode switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };
}
