using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// One point of a time series as <c>timeSeries.list</c> returns it (view FULL): its interval, and its value, a number
/// (<c>int64Value</c> or <c>doubleValue</c>) or a distribution (explicit bucket bounds and the count in each bucket).
/// </summary>
/// <param name="Start">The interval's start (for a CUMULATIVE series, when counting started).</param>
/// <param name="End">The interval's end.</param>
/// <param name="Value">The number; 0 for a distribution.</param>
/// <param name="Bounds">A distribution's explicit bucket bounds; empty for a number.</param>
/// <param name="BucketCounts">A distribution's counts, one more than the bounds; empty for a number.</param>
public sealed record CloudMonitoringPoint(DateTimeOffset Start, DateTimeOffset End, double Value, IReadOnlyList<double> Bounds, IReadOnlyList<long> BucketCounts);

/// <summary>One time series: its metric labels and its points, newest first (the API's order).</summary>
/// <param name="Labels">The metric labels, by key (<see cref="CloudMonitoringReader.LabelKey"/>).</param>
/// <param name="Points">The points in the interval asked for.</param>
public sealed record CloudMonitoringTimeSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<CloudMonitoringPoint> Points);

/// <summary>
/// Reads time series back from Cloud Monitoring for <c>meshfed signals compare</c>: <c>projects.timeSeries.list</c>
/// (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list), following <c>nextPageToken</c>,
/// with the metric types and label keys the Cloud Monitoring exporter writes (so the two cannot name them apart).
/// </summary>
/// <param name="http">The HTTP client.</param>
/// <param name="endpoint">The API, <c>https://monitoring.googleapis.com</c> unless overridden.</param>
/// <param name="projectId">The project the exporter wrote to.</param>
/// <param name="accessToken">Bearer tokens (scope <c>monitoring.read</c> or <c>monitoring</c>).</param>
public sealed class CloudMonitoringReader(HttpClient http, Uri endpoint, string projectId, Func<CancellationToken, Task<string>> accessToken)
{
    /// <summary>The API endpoint used.</summary>
    public Uri Endpoint { get; } = endpoint;

    /// <summary>The project read.</summary>
    public string ProjectId { get; } = projectId;

    /// <summary>The metric type the exporter writes <paramref name="instrument"/> as under <paramref name="prefix"/>.</summary>
    public static string MetricType(string prefix, string instrument) => CloudMonitoringSeries.MetricType(prefix, instrument);

    /// <summary>The label key the exporter writes the attribute <paramref name="attribute"/> as.</summary>
    public static string LabelKey(string attribute) => CloudMonitoringSeries.LabelKey(attribute);

    /// <summary>Every series of <paramref name="metricType"/> whose labels have the values in <paramref name="labels"/>, with its points in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <exception cref="HttpRequestException">The API answered with an error status.</exception>
    public async IAsyncEnumerable<CloudMonitoringTimeSeries> ListAsync(string metricType, IReadOnlyDictionary<string, string> labels, DateTimeOffset from, DateTimeOffset to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = string.Join(" AND ", labels.Select(l => $"metric.labels.{l.Key} = \"{l.Value}\"").Prepend($"metric.type = \"{metricType}\""));
        string? page = null;
        do
        {
            var query = $"filter={Uri.EscapeDataString(filter)}&interval.startTime={Uri.EscapeDataString(Time(from))}&interval.endTime={Uri.EscapeDataString(Time(to))}&view=FULL&pageSize=100000"
                + (page is null ? "" : $"&pageToken={Uri.EscapeDataString(page)}");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint, $"/v3/projects/{Uri.EscapeDataString(ProjectId)}/timeSeries?{query}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await accessToken(cancellationToken));
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Cloud Monitoring timeSeries.list answered {(int)response.StatusCode}: {text}");
            var json = JsonNode.Parse(text) as JsonObject ?? [];
            foreach (var series in json["timeSeries"]?.AsArray().OfType<JsonObject>() ?? [])
                yield return Series(series);
            page = (string?)json["nextPageToken"];
        }
        while (!string.IsNullOrEmpty(page));
    }

    private static CloudMonitoringTimeSeries Series(JsonObject series)
    {
        var labels = (series["metric"]?["labels"] as JsonObject ?? []).ToDictionary(l => l.Key, l => (string?)l.Value ?? "", StringComparer.Ordinal);
        return new CloudMonitoringTimeSeries(labels, [.. (series["points"]?.AsArray().OfType<JsonObject>() ?? []).Select(Point)]);
    }

    private static CloudMonitoringPoint Point(JsonObject point)
    {
        var value = point["value"];
        var distribution = value?["distributionValue"];
        var bounds = distribution?["bucketOptions"]?["explicitBuckets"]?["bounds"]?.AsArray().Select(b => (double)b!).ToArray() ?? [];
        return new CloudMonitoringPoint(
            Instant(point["interval"]?["startTime"]), Instant(point["interval"]?["endTime"]),
            Number(value), bounds, distribution is null ? [] : Counts(distribution, bounds.Length));
    }

    // The API writes int64 values as JSON strings (proto3 JSON mapping), so counts are parsed from their text.
    private static long[] Counts(JsonNode distribution, int bounds)
    {
        var counts = new long[bounds + 1];
        var listed = distribution["bucketCounts"]?.AsArray() ?? [];
        for (var i = 0; i < listed.Count && i < counts.Length; i++)
            counts[i] = long.Parse(listed[i]!.ToString(), CultureInfo.InvariantCulture);
        return counts;
    }

    private static double Number(JsonNode? value) =>
        value?["int64Value"] is { } i ? double.Parse(i.ToString(), CultureInfo.InvariantCulture)
        : value?["doubleValue"] is { } d ? (double)d : 0;

    private static DateTimeOffset Instant(JsonNode? time) => DateTimeOffset.Parse((string?)time ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
