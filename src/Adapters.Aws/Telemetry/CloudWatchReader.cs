using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>One metric as ListMetrics names it: its name and its full set of dimensions.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="Dimensions">Every dimension, as written.</param>
public sealed record CloudWatchMetric(string Name, IReadOnlyDictionary<string, string> Dimensions);

/// <summary>One GetMetricData query: a metric, a statistic (<c>Sum</c>, <c>SampleCount</c>, <c>Maximum</c>, <c>TC(:0.0075)</c>…) and a period.</summary>
/// <param name="Id">The query id (<c>[a-z][a-zA-Z0-9_]*</c>).</param>
/// <param name="Metric">The metric.</param>
/// <param name="Stat">The statistic.</param>
/// <param name="PeriodSeconds">The period, a multiple of 60.</param>
public sealed record CloudWatchQuery(string Id, CloudWatchMetric Metric, string Stat, int PeriodSeconds);

/// <summary>
/// Reads metrics back from CloudWatch for <c>meshfed signals compare</c>: <c>ListMetrics</c> (which dimension sets
/// exist) and <c>GetMetricData</c> (values), in the AWS JSON 1.0 protocol the SDKs use, SigV4-signed, following
/// <c>NextToken</c> and sending at most 500 queries per call (the API's limit).
/// </summary>
public sealed class CloudWatchReader(HttpClient http, Func<AwsCredentials> credentials, string region, Uri? endpointUrl = null, TimeProvider? time = null)
{
    private readonly SigV4Signer _signer = new("monitoring", region);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The API endpoint used.</summary>
    public Uri Endpoint { get; } = endpointUrl ?? new Uri($"https://monitoring.{region}.amazonaws.com");

    /// <summary>Every metric named <paramref name="metricName"/> in <paramref name="ns"/> that has the dimension values in <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<CloudWatchMetric>> ListMetricsAsync(string ns, string metricName, IReadOnlyDictionary<string, string> filter, CancellationToken cancellationToken = default)
    {
        var metrics = new List<CloudWatchMetric>();
        string? next = null;
        do
        {
            var body = new JsonObject
            {
                ["Namespace"] = ns,
                ["MetricName"] = metricName,
                ["Dimensions"] = new JsonArray([.. filter.Select(f => (JsonNode)new JsonObject { ["Name"] = f.Key, ["Value"] = f.Value })]),
            };
            if (next is not null)
                body["NextToken"] = next;
            var answer = await CallAsync("ListMetrics", body, cancellationToken);
            foreach (var metric in answer["Metrics"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                metrics.Add(new CloudWatchMetric((string)metric["MetricName"]!,
                    (metric["Dimensions"]?.AsArray().OfType<JsonObject>() ?? []).ToDictionary(d => (string)d["Name"]!, d => (string)d["Value"]!)));
            }
            next = (string?)answer["NextToken"];
        }
        while (!string.IsNullOrEmpty(next));
        return metrics;
    }

    /// <summary>The values of each query in [<paramref name="start"/>, <paramref name="end"/>), by query id (timestamps with values).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<(DateTimeOffset Time, double Value)>>> GetMetricDataAsync(
        string ns, IReadOnlyList<CloudWatchQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        var results = new Dictionary<string, IReadOnlyList<(DateTimeOffset, double)>>(StringComparer.Ordinal);
        foreach (var chunk in queries.Chunk(500))
        {
            string? next = null;
            do
            {
                var body = new JsonObject
                {
                    ["MetricDataQueries"] = new JsonArray([.. chunk.Select(q => (JsonNode)new JsonObject
                    {
                        ["Id"] = q.Id,
                        ["MetricStat"] = new JsonObject
                        {
                            ["Metric"] = new JsonObject
                            {
                                ["Namespace"] = ns,
                                ["MetricName"] = q.Metric.Name,
                                ["Dimensions"] = new JsonArray([.. q.Metric.Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal)
                                    .Select(d => (JsonNode)new JsonObject { ["Name"] = d.Key, ["Value"] = d.Value })]),
                            },
                            ["Period"] = q.PeriodSeconds,
                            ["Stat"] = q.Stat,
                        },
                        ["ReturnData"] = true,
                    })]),
                    ["StartTime"] = start.ToUnixTimeSeconds(),
                    ["EndTime"] = end.ToUnixTimeSeconds(),
                };
                if (next is not null)
                    body["NextToken"] = next;
                var answer = await CallAsync("GetMetricData", body, cancellationToken);
                foreach (var result in answer["MetricDataResults"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    var id = (string)result["Id"]!;
                    var times = result["Timestamps"]?.AsArray().Select(t => DateTimeOffset.FromUnixTimeMilliseconds((long)((double)t! * 1000))).ToList() ?? [];
                    var values = result["Values"]?.AsArray().Select(v => (double)v!).ToList() ?? [];
                    var series = results.TryGetValue(id, out var seen) ? [.. seen] : new List<(DateTimeOffset, double)>();
                    series.AddRange(times.Zip(values));
                    results[id] = series;
                }
                next = (string?)answer["NextToken"];
            }
            while (!string.IsNullOrEmpty(next));
        }
        return results;
    }

    private async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint, "/")) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "GraniteServiceVersion20100801." + operation);
        request.Headers.TryAddWithoutValidation("x-amzn-query-mode", "true");
        var uri = request.RequestUri!;
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        _signer.Sign(request, bytes, credentials(), _time.GetUtcNow().UtcDateTime);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"CloudWatch {operation} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text) as JsonObject ?? [];
    }
}
