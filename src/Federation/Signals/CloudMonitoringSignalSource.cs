using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;

namespace MeshFed.Federation.Signals;

/// <summary>
/// Reads golden signals back from Cloud Monitoring (<c>projects.timeSeries.list</c>, following pages) as the
/// Cloud Monitoring exporter wrote them. The series are cumulative, so what happened in the window is the newest
/// point minus the oldest in it (counts and every histogram bucket alike); the in-flight gauge keeps its values.
/// </summary>
/// <param name="http">The HTTP client.</param>
/// <param name="endpoint">The API, <c>https://monitoring.googleapis.com</c> unless overridden.</param>
/// <param name="projectId">The project written to.</param>
/// <param name="accessToken">Bearer tokens (scope <c>monitoring.read</c> or <c>monitoring</c>).</param>
/// <param name="defaultBounds">Bounds for rows without latency data.</param>
/// <param name="metricPrefix">The exporter's metric type prefix.</param>
/// <param name="direction">Which gateway's measurements count.</param>
public sealed class CloudMonitoringSignalSource(HttpClient http, Uri endpoint, string projectId, Func<CancellationToken, Task<string>> accessToken,
    IReadOnlyList<double> defaultBounds, string metricPrefix = "custom.googleapis.com/meshfed", string direction = "outbound") : ISignalSource
{
    /// <inheritdoc/>
    public string Description => $"cloud-monitoring {projectId}";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SignalRow>> ReadAsync(string service, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var points = new List<StoredPoint>();
        foreach (var instrument in new[] { GoldenSignals.Requests, GoldenSignals.Duration, GoldenSignals.Active })
        {
            var type = metricPrefix + "/" + instrument["meshfed.".Length..].Replace('.', '_');
            await foreach (var series in ListAsync(type, service, from, to, cancellationToken))
                points.AddRange(Points(instrument, series, from));
        }
        return SignalAggregator.Rows(points, to - from, defaultBounds, direction);
    }

    private async IAsyncEnumerable<JsonObject> ListAsync(string type, string service, DateTimeOffset from, DateTimeOffset to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? page = null;
        do
        {
            var filter = $"metric.type = \"{type}\" AND metric.labels.service = \"{service}\"";
            var query = $"filter={Uri.EscapeDataString(filter)}&interval.startTime={Uri.EscapeDataString(Time(from))}&interval.endTime={Uri.EscapeDataString(Time(to))}&view=FULL&pageSize=100000"
                + (page is null ? "" : $"&pageToken={Uri.EscapeDataString(page)}");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, $"/v3/projects/{Uri.EscapeDataString(projectId)}/timeSeries?{query}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await accessToken(cancellationToken));
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Cloud Monitoring timeSeries.list answered {(int)response.StatusCode}: {text}");
            var json = JsonNode.Parse(text) as JsonObject ?? [];
            foreach (var series in json["timeSeries"]?.AsArray().OfType<JsonObject>() ?? [])
                yield return series;
            page = (string?)json["nextPageToken"];
        }
        while (!string.IsNullOrEmpty(page));
    }

    private static IEnumerable<StoredPoint> Points(string instrument, JsonObject series, DateTimeOffset from)
    {
        var labels = series["metric"]?["labels"] as JsonObject ?? [];
        string Label(string key) => (string?)labels[key] ?? "";
        var points = series["points"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (points.Count == 0)
            yield break;
        var template = new StoredPoint
        {
            Name = instrument,
            Site = Label("site"),
            Version = Label("version"),
            Direction = Label("direction"),
            ResponseClass = Label("response_class"),
            Start = from,
            End = EndTime(points[0]),
        };
        if (instrument == GoldenSignals.Active)
        {
            foreach (var point in points)
                yield return template with { End = EndTime(point), Value = Number(point["value"]) };
            yield break;
        }
        // Newest first: the window's share of a cumulative series is newest − oldest (or all of it when the series started inside the window).
        var newest = points[0];
        var oldest = points[^1];
        var startedInside = DateTimeOffset.Parse((string?)newest["interval"]?["startTime"] ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture) >= from;
        var baseline = points.Count > 1 && !startedInside ? oldest : null;
        if (instrument == GoldenSignals.Duration)
        {
            var distribution = newest["value"]?["distributionValue"];
            var bounds = distribution?["bucketOptions"]?["explicitBuckets"]?["bounds"]?.AsArray().Select(b => (double)b!).ToArray() ?? [];
            var counts = Counts(distribution, bounds.Length);
            if (baseline is not null)
                counts = [.. counts.Zip(Counts(baseline["value"]?["distributionValue"], bounds.Length), (a, b) => Math.Max(0, a - b))];
            yield return template with { Bounds = bounds, Counts = counts };
            yield break;
        }
        var value = Number(newest["value"]) - (baseline is null ? 0 : Number(baseline["value"]));
        yield return template with { Value = Math.Max(0, value) };
    }

    private static long[] Counts(JsonNode? distribution, int bounds)
    {
        var counts = new long[bounds + 1];
        var listed = distribution?["bucketCounts"]?.AsArray() ?? [];
        for (var i = 0; i < listed.Count && i < counts.Length; i++)
            counts[i] = long.Parse(listed[i]!.ToString(), CultureInfo.InvariantCulture);
        return counts;
    }

    private static double Number(JsonNode? value) =>
        value?["int64Value"] is { } i ? double.Parse(i.ToString(), CultureInfo.InvariantCulture)
        : value?["doubleValue"] is { } d ? (double)d : 0;

    private static DateTimeOffset EndTime(JsonObject point) =>
        DateTimeOffset.Parse((string?)point["interval"]?["endTime"] ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
