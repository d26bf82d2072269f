using MeshFed.Federation.Telemetry;
using MeshFed.Gateway.Routing;
using MeshFed.Model;

namespace MeshFed.Federation.Signals;

/// <summary>
/// Turns golden-signal points into one <see cref="SignalRow"/> per serving site and version. Requests and
/// latency are delta points and add up; in-flight is a running value: per instant, the series are added up and
/// the window's peak is the saturation. Only one direction is counted, because a request crossing sites is
/// recorded twice — outbound by the caller's gateway (the latency callers see) and inbound by the serving one.
/// A request the caller's own gateway delivers in its site is recorded once, as <c>local</c>, and counts in both.
/// </summary>
public static class SignalAggregator
{

    /// <summary>Aggregates <paramref name="points"/> measured in <paramref name="direction"/> (<c>outbound</c> or <c>inbound</c>; <c>local</c> points and points without a direction always count).</summary>
    public static IReadOnlyList<SignalRow> Rows(IEnumerable<StoredPoint> points, TimeSpan window, IReadOnlyList<double> defaultBounds, string direction = "outbound")
    {
        var counted = points.Where(p => p.Direction.Length == 0 || p.Direction == direction || p.Direction == RoutingDecision.Local).ToList();
        var rows = new List<SignalRow>();
        foreach (var group in counted.GroupBy(p => (p.Site, p.Version)))
        {
            var requests = group.Where(p => p.Name == GoldenSignals.Requests).ToList();
            var total = (long)requests.Sum(p => p.Value);
            var errors = (long)requests.Where(p => p.ResponseClass == "5xx").Sum(p => p.Value);
            LatencyHistogram? latency = null;
            foreach (var point in group.Where(p => p.Name == GoldenSignals.Duration && p.Bounds is not null && p.Counts is not null))
            {
                var histogram = new LatencyHistogram(point.Bounds!, point.Counts!);
                latency = latency is null ? histogram : latency.Add(histogram);
            }
            var saturation = group.Where(p => p.Name == GoldenSignals.Active)
                .GroupBy(p => p.End).Select(instant => instant.Sum(p => p.Value)).DefaultIfEmpty(0).Max();
            rows.Add(new SignalRow
            {
                Site = group.Key.Site,
                Version = group.Key.Version,
                Requests = total,
                Errors = errors,
                Rps = total / Math.Max(1, window.TotalSeconds),
                Saturation = saturation,
                Latency = latency ?? LatencyHistogram.Empty(defaultBounds),
            });
        }
        return rows;
    }
}
