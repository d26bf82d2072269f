namespace MeshFed.Federation.Signals;

/// <summary>
/// Request latencies as explicit-bucket counts (seconds): <see cref="Counts"/> has one more entry than
/// <see cref="Bounds"/>, the last being everything above the last bound.
/// </summary>
/// <param name="Bounds">Strictly increasing upper bounds, in seconds.</param>
/// <param name="Counts">Requests per bucket.</param>
public sealed record LatencyHistogram(IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts)
{
    /// <summary>No requests, on these bounds.</summary>
    public static LatencyHistogram Empty(IReadOnlyList<double> bounds) => new(bounds, new long[bounds.Count + 1]);

    /// <summary>Requests counted.</summary>
    public long Total => Counts.Sum();

    /// <summary>The sum of two histograms on the same bounds; on different bounds, throws (the manifest's buckets changed within the window).</summary>
    public LatencyHistogram Add(LatencyHistogram other)
    {
        if (!Bounds.SequenceEqual(other.Bounds))
            throw new InvalidOperationException("latency histograms with different bucket bounds cannot be added");
        return this with { Counts = [.. Counts.Zip(other.Counts, (a, b) => a + b)] };
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile (0–1), interpolated linearly inside its bucket as Prometheus'
    /// <c>histogram_quantile</c> does; the first bucket starts at 0, and a quantile in the overflow bucket is
    /// reported as the last bound (a lower bound on the truth). NaN without requests.
    /// </summary>
    public double Quantile(double q)
    {
        var total = Total;
        if (total == 0)
            return double.NaN;
        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < Counts.Count; i++)
        {
            var count = Counts[i];
            if (count > 0 && seen + count >= rank)
            {
                if (i == Bounds.Count)
                    return Bounds.Count == 0 ? double.NaN : Bounds[^1];
                var lower = i == 0 ? 0 : Bounds[i - 1];
                return lower + (Bounds[i] - lower) * ((rank - seen) / count);
            }
            seen += count;
        }
        return Bounds.Count == 0 ? double.NaN : Bounds[^1];
    }
}
