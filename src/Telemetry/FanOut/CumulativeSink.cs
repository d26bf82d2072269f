using OpenTelemetry;

namespace MeshFed.Telemetry;

/// <summary>
/// Gives a sink that needs running totals (Cloud Monitoring's CUMULATIVE metric kind) its points from the delta
/// reader: each series' deltas are added up here, once per export and per series, instead of by a second reader
/// that OpenTelemetry would make aggregate every measurement again on the request's thread. The result is what a
/// cumulative reader exports: every series seen so far, its start the first delta's, its end the latest export's,
/// counts and sums added, histogram buckets added and min/max kept; values that are not deltas (gauges, up-down
/// counters, which OpenTelemetry's delta preference leaves cumulative) replace the previous one. Runs on the sink's
/// own fan-out thread, so it needs no lock.
/// </summary>
/// <param name="inner">The sink receiving running totals.</param>
/// <param name="time">The clock giving the end of an export that brought no point.</param>
public sealed class CumulativeSink(IExportSink<MetricSample> inner, TimeProvider? time = null) : IExportSink<MetricSample>, IDisposable
{
    private readonly Dictionary<string, MetricSample> _totals = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The sink behind.</summary>
    public IExportSink<MetricSample> Inner { get; } = inner;

    /// <inheritdoc/>
    public ExportCounters Counters => Inner.Counters;

    /// <inheritdoc/>
    public ExportResult Export(IReadOnlyList<MetricSample> items)
    {
        var end = items.Count > 0 ? items.Max(s => s.End) : _time.GetUtcNow();
        foreach (var sample in items)
            _totals[sample.SeriesKey] = _totals.TryGetValue(sample.SeriesKey, out var total) && sample.Delta ? Add(total, sample) : sample with { Delta = false };
        if (_totals.Count == 0)
            return ExportResult.Success;
        return Inner.Export([.. _totals.Values.Select(t => t.End == end ? t : t with { End = end })]);
    }

    private static MetricSample Add(MetricSample total, MetricSample delta) => total with
    {
        End = delta.End,
        Value = total.Value + delta.Value,
        Histogram = total.Histogram is { } sum && delta.Histogram is { } more && sum.Counts.Count == more.Counts.Count ? Add(sum, more) : delta.Histogram,
    };

    private static HistogramSample Add(HistogramSample total, HistogramSample delta) => new(
        total.Bounds,
        [.. total.Counts.Zip(delta.Counts, (a, b) => a + b)],
        total.Count + delta.Count,
        total.Sum + delta.Sum,
        Combine(total.Min, delta.Min, Math.Min),
        Combine(total.Max, delta.Max, Math.Max));

    private static double? Combine(double? a, double? b, Func<double, double, double> pick) =>
        a is { } x && b is { } y ? pick(x, y) : a ?? b;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Inner is IDisposable disposable)
            disposable.Dispose();
    }
}
