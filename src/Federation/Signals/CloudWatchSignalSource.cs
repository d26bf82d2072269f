using System.Globalization;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;

namespace MeshFed.Federation.Signals;

/// <summary>
/// Reads golden signals back from CloudWatch as the CloudWatch exporter wrote them: ListMetrics finds each
/// dimension set of the service, GetMetricData reads <c>Requests</c> (Sum), <c>ActiveRequests</c> (Maximum per
/// minute) and the latency buckets. CloudWatch keeps values, not buckets; the exporter wrote each bucket as its upper
/// bound, so the bucket counts come back exactly as trimmed counts <c>TC(:cut)</c> with each cut between two
/// neighbouring bounds, and the overflow bucket as <c>SampleCount</c> minus the last of them.
/// </summary>
/// <param name="reader">The CloudWatch reader.</param>
/// <param name="bounds">The manifest's latency bounds in seconds (the ones the exporter wrote with).</param>
/// <param name="ns">The namespace written to (the exporter's default when null).</param>
/// <param name="direction">Which gateway's measurements count.</param>
public sealed class CloudWatchSignalSource(CloudWatchReader reader, IReadOnlyList<double> bounds, string? ns = null, string direction = "outbound") : ISignalSource
{
    // The exporter's default namespace, so reading and writing cannot drift apart.
    private readonly string _ns = ns ?? new CloudWatchExporterOptions().Namespace;

    /// <inheritdoc/>
    public string Description => $"cloudwatch {reader.Endpoint.Host}";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SignalRow>> ReadAsync(string service, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var filter = new Dictionary<string, string> { ["Service"] = service };
        var period = (int)Math.Max(60, Math.Ceiling((to - from).TotalSeconds / 60) * 60);
        var queries = new List<CloudWatchQuery>();
        var plans = new List<(string Instrument, CloudWatchMetric Metric, string[] Ids)>();
        string Add(CloudWatchMetric metric, string stat, int seconds)
        {
            var id = "q" + queries.Count.ToString(CultureInfo.InvariantCulture);
            queries.Add(new CloudWatchQuery(id, metric, stat, seconds));
            return id;
        }
        foreach (var metric in await reader.ListMetricsAsync(_ns, CloudWatchNames.Requests, filter, cancellationToken))
            plans.Add((GoldenSignals.Requests, metric, [Add(metric, "Sum", period)]));
        foreach (var metric in await reader.ListMetricsAsync(_ns, CloudWatchNames.ActiveRequests, filter, cancellationToken))
            plans.Add((GoldenSignals.Active, metric, [Add(metric, "Maximum", 60)]));
        foreach (var metric in await reader.ListMetricsAsync(_ns, CloudWatchNames.RequestDuration, filter, cancellationToken))
        {
            var cuts = Cuts().Select(cut => Add(metric, string.Create(CultureInfo.InvariantCulture, $"TC(:{cut:R})"), period));
            plans.Add((GoldenSignals.Duration, metric, [.. cuts, Add(metric, "SampleCount", period)]));
        }
        var data = await reader.GetMetricDataAsync(_ns, queries, from, to, cancellationToken);
        double Total(string id) => data.TryGetValue(id, out var values) ? values.Sum(v => v.Value) : 0;

        var points = new List<StoredPoint>();
        foreach (var (instrument, metric, ids) in plans)
        {
            var point = new StoredPoint
            {
                Name = instrument,
                Start = from,
                End = to,
                Site = metric.Dimensions.GetValueOrDefault("Site", ""),
                Version = metric.Dimensions.GetValueOrDefault("Version", ""),
                Direction = metric.Dimensions.GetValueOrDefault("Direction", ""),
                ResponseClass = metric.Dimensions.GetValueOrDefault("ResponseClass", ""),
            };
            if (instrument == GoldenSignals.Active)
            {
                points.AddRange((data.GetValueOrDefault(ids[0]) ?? []).Select(v => point with { End = v.Time, Value = v.Value }));
                continue;
            }
            if (instrument == GoldenSignals.Requests)
            {
                points.Add(point with { Value = Total(ids[0]) });
                continue;
            }
            var cumulative = ids[..^1].Select(Total).ToArray();
            var counts = new long[bounds.Count + 1];
            for (var i = 0; i < bounds.Count; i++)
                counts[i] = (long)Math.Round(cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]));
            counts[^1] = (long)Math.Round(Total(ids[^1]) - (cumulative.Length == 0 ? 0 : cumulative[^1]));
            points.Add(point with { Bounds = bounds, Counts = counts });
        }
        return SignalAggregator.Rows(points, to - from, bounds, direction);
    }

    /// <summary>A cut between each bound and the next (the exporter writes a bucket as its upper bound; the overflow bucket lies above the last bound).</summary>
    private IEnumerable<double> Cuts()
    {
        for (var i = 0; i < bounds.Count; i++)
            yield return i + 1 < bounds.Count ? (bounds[i] + bounds[i + 1]) / 2 : bounds[i] * (1 + 1e-9);
    }
}
