using MeshFed.Telemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// An explicit-bucket histogram as EMF values, which have no counts: each non-empty bucket is represented by its
/// upper bound (the overflow bucket by the largest value seen), repeated once per observation, in bucket order.
/// With more than <c>cap</c> observations the values are a stratified sample of exactly <c>cap</c>: each bucket gets
/// its proportional share, floors first and the seats left to the largest remainders (Hamilton's method), so every
/// bucket's share of the sample is within 1/cap of its share of the traffic and percentiles fall in the right
/// bucket. A bucket holding less than 1/cap of the traffic may get no value. Pure and exact (128-bit arithmetic).
/// </summary>
internal static class EmfHistogramValues
{
    public static List<double> Of(HistogramSample histogram, int cap)
    {
        var buckets = new List<(double Value, long Count)>();
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            if (histogram.Counts[i] <= 0)
                continue;
            var value = i < histogram.Bounds.Count ? histogram.Bounds[i] : Overflow(histogram);
            if (double.IsFinite(value))
                buckets.Add((value, histogram.Counts[i]));
        }
        var total = buckets.Aggregate(Int128.Zero, (sum, b) => sum + b.Count);
        var seats = total <= cap ? buckets.Select(b => b.Count).ToArray() : Apportion(buckets.Select(b => b.Count).ToArray(), total, cap);
        var values = new List<double>((int)seats.Sum());
        for (var i = 0; i < buckets.Count; i++)
        {
            for (var k = 0L; k < seats[i]; k++)
                values.Add(buckets[i].Value);
        }
        return values;
    }

    /// <summary>Largest-remainder apportionment of <paramref name="cap"/> seats to <paramref name="counts"/> (ties: the larger bucket, then the lower one).</summary>
    internal static long[] Apportion(long[] counts, Int128 total, int cap)
    {
        var seats = new long[counts.Length];
        var remainders = new Int128[counts.Length];
        var given = 0L;
        for (var i = 0; i < counts.Length; i++)
        {
            var share = (Int128)counts[i] * cap;
            seats[i] = (long)(share / total);
            remainders[i] = share % total;
            given += seats[i];
        }
        foreach (var i in Enumerable.Range(0, counts.Length).OrderByDescending(i => remainders[i]).ThenByDescending(i => counts[i]).ThenBy(i => i).Take((int)(cap - given)))
            seats[i]++;
        return seats;
    }

    /// <summary>The value standing for the overflow bucket: the largest seen when finite, else the last bound (CloudWatch's data share it).</summary>
    public static double Overflow(HistogramSample histogram) =>
        histogram.Max is { } max && double.IsFinite(max) ? max : histogram.Bounds.Count > 0 ? histogram.Bounds[^1] : histogram.Count > 0 ? histogram.Sum / histogram.Count : 0;
}
