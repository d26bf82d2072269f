using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;

namespace MeshFed.Federation.Signals;

/// <summary>
/// Reads golden signals back from Cloud Monitoring (through <see cref="CloudMonitoringReader"/>) as the Cloud
/// Monitoring exporter wrote them. The series are cumulative, so what happened in the window is the newest point
/// minus the oldest in it (counts and every histogram bucket alike); the in-flight gauge keeps its values.
/// </summary>
/// <param name="reader">The Cloud Monitoring reader.</param>
/// <param name="defaultBounds">Bounds for rows without latency data.</param>
/// <param name="metricPrefix">The exporter's metric type prefix (its default when null).</param>
/// <param name="direction">Which gateway's measurements count.</param>
public sealed class CloudMonitoringSignalSource(CloudMonitoringReader reader, IReadOnlyList<double> defaultBounds, string? metricPrefix = null, string direction = "outbound") : ISignalSource
{
    private readonly string _metricPrefix = metricPrefix ?? new CloudMonitoringExporterOptions().MetricPrefix;

    /// <inheritdoc/>
    public string Description => $"cloud-monitoring {reader.ProjectId}";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SignalRow>> ReadAsync(string service, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var points = new List<StoredPoint>();
        var labels = new Dictionary<string, string> { [CloudMonitoringReader.LabelKey(GoldenSignals.ServiceAttribute)] = service };
        foreach (var instrument in new[] { GoldenSignals.Requests, GoldenSignals.Duration, GoldenSignals.Active })
        {
            await foreach (var series in reader.ListAsync(CloudMonitoringReader.MetricType(_metricPrefix, instrument), labels, from, to, cancellationToken))
                points.AddRange(Points(instrument, series, from));
        }
        return SignalAggregator.Rows(points, to - from, defaultBounds, direction);
    }

    private static IEnumerable<StoredPoint> Points(string instrument, CloudMonitoringTimeSeries series, DateTimeOffset from)
    {
        string Label(string attribute) => series.Labels.GetValueOrDefault(CloudMonitoringReader.LabelKey(attribute), "");
        var points = series.Points;
        if (points.Count == 0)
            yield break;
        var template = new StoredPoint
        {
            Name = instrument,
            Site = Label(GoldenSignals.SiteAttribute),
            Version = Label(GoldenSignals.VersionAttribute),
            Direction = Label(GoldenSignals.DirectionAttribute),
            ResponseClass = Label(GoldenSignals.ResponseClassAttribute),
            Start = from,
            End = points[0].End,
        };
        if (instrument == GoldenSignals.Active)
        {
            foreach (var point in points)
                yield return template with { End = point.End, Value = point.Value };
            yield break;
        }
        // Newest first: the window's share of a cumulative series is newest − oldest (or all of it when the series started inside the window).
        var newest = points[0];
        var baseline = points.Count > 1 && newest.Start < from ? points[^1] : null;
        if (instrument == GoldenSignals.Duration)
        {
            long[] counts = [.. newest.BucketCounts];
            if (baseline is not null)
                counts = [.. counts.Zip(baseline.BucketCounts.Concat(Enumerable.Repeat(0L, counts.Length)), (a, b) => Math.Max(0, a - b))];
            yield return template with { Bounds = [.. newest.Bounds], Counts = counts };
            yield break;
        }
        yield return template with { Value = Math.Max(0, newest.Value - (baseline?.Value ?? 0)) };
    }
}
