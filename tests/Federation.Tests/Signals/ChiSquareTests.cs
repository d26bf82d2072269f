using MeshFed.Federation.Signals;

namespace MeshFed.Federation.Tests.Telemetry;

/// <summary>The statistics behind the verdicts: chi-square homogeneity, its p-values, and quantiles from buckets.</summary>
public class ChiSquareTests
{
    private static readonly double[] s_bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>Bucket counts of <paramref name="n"/> latencies drawn from a log-normal around <paramref name="median"/> seconds.</summary>
    private static long[] Sample(int n, double median, int seed)
    {
        var random = new Random(seed);
        var counts = new long[s_bounds.Length + 1];
        for (var i = 0; i < n; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var value = median * Math.Exp(0.5 * normal);
            var bucket = Array.FindIndex(s_bounds, b => value <= b);
            counts[bucket < 0 ? s_bounds.Length : bucket]++;
        }
        return counts;
    }

    [Fact]
    public void IdenticalDistributions_AreNotSignificant()
    {
        var result = ChiSquare.Homogeneity([Sample(5000, 0.03, 1), Sample(5000, 0.03, 2), Sample(3000, 0.03, 3)]);

        Assert.False(result.Significant(0.01), $"p = {result.PValue}");
        Assert.True(result.PValue > 0.01);
    }

    [Fact]
    public void AShiftedDistribution_IsSignificant()
    {
        var result = ChiSquare.Homogeneity([Sample(5000, 0.03, 1), Sample(5000, 0.04, 2)]);

        Assert.True(result.Significant(0.01), $"p = {result.PValue}");
        Assert.True(result.PValue < 1e-6);
    }

    [Fact]
    public void FalsePositives_StayNearAlpha()
    {
        var significant = Enumerable.Range(0, 200).Count(i => ChiSquare.Homogeneity([Sample(2000, 0.03, 2 * i), Sample(2000, 0.03, 2 * i + 1)]).Significant(0.05));

        Assert.InRange(significant, 0, 25); // expected 10 of 200 at alpha 0.05
    }

    [Fact]
    public void KnownTable_GivesTheTextbookStatisticAndPValue()
    {
        // 2×2 table [[10, 20], [30, 40]]: X² = 0.7937, df 1, p = 0.3730 (without continuity correction).
        var result = ChiSquare.Homogeneity([new long[] { 10, 20 }, new long[] { 30, 40 }]);

        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(0.7937, result.Statistic, 3);
        Assert.Equal(0.3730, result.PValue, 3);
    }

    [Theory]
    [InlineData(3.841, 1, 0.05)]
    [InlineData(18.307, 10, 0.05)]
    [InlineData(6.635, 1, 0.01)]
    public void PValues_MatchChiSquareTables(double statistic, int df, double p) =>
        Assert.Equal(p, Gamma.UpperRegularized(df / 2.0, statistic / 2.0), 3);

    [Fact]
    public void EverythingInOneBucket_IsNoDifference_NotTooLittleData()
    {
        var result = ChiSquare.Homogeneity([new long[] { 0, 50, 0 }, new long[] { 0, 70, 0 }]);

        Assert.Equal((0, 1, 1.0), (result.DegreesOfFreedom, result.Columns, result.PValue));
        Assert.Equal("same (all in one bucket)", MeshFed.Federation.Output.SignalsTable.Verdict(false, result));
        Assert.Equal("too little data", MeshFed.Federation.Output.SignalsTable.Verdict(false, ChiSquare.Homogeneity([new long[] { 0, 50, 0 }])));
    }

    [Fact]
    public void SparseBuckets_ArePooled_AndEmptyRowsIgnored()
    {
        var result = ChiSquare.Homogeneity([new long[] { 100, 1, 0, 1, 100 }, new long[] { 100, 0, 1, 0, 100 }, new long[5]]);

        Assert.Equal(2, result.Columns);
        Assert.False(result.Significant(0.01));
    }

    [Fact]
    public void Quantiles_InterpolateInsideTheirBucket()
    {
        var histogram = new LatencyHistogram([0.01, 0.02, 0.04], [0, 50, 50, 0]);

        Assert.Equal(0.015, histogram.Quantile(0.25), 6);
        Assert.Equal(0.02, histogram.Quantile(0.5), 6);
        Assert.Equal(0.0396, histogram.Quantile(0.99), 6);
        Assert.True(double.IsNaN(LatencyHistogram.Empty([0.1]).Quantile(0.5)));
        Assert.Equal(0.04, new LatencyHistogram([0.01, 0.02, 0.04], [0, 0, 0, 5]).Quantile(0.5));
    }
}
