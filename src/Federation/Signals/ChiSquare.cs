namespace MeshFed.Federation.Signals;

/// <summary>The result of a chi-square test of homogeneity.</summary>
/// <param name="Statistic">Pearson's X².</param>
/// <param name="DegreesOfFreedom">(rows − 1) × (columns − 1) after pooling.</param>
/// <param name="PValue">P(X² ≥ statistic) under "all rows come from one distribution".</param>
/// <param name="Columns">Columns (buckets) left after pooling sparse ones.</param>
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue, int Columns)
{
    /// <summary>True when the rows differ at significance level <paramref name="alpha"/>.</summary>
    public bool Significant(double alpha) => DegreesOfFreedom > 0 && PValue < alpha;
}

/// <summary>
/// Pearson's chi-square test of homogeneity on a contingency table (rows: sites/versions; columns: latency
/// buckets, or error/success). Adjacent columns are pooled until every expected count is at least 5, the usual
/// condition for the chi-square approximation; columns empty in every row are dropped. The p-value is the
/// regularized upper incomplete gamma function Q(df/2, X²/2).
/// </summary>
public static class ChiSquare
{
    /// <summary>Tests whether the rows of <paramref name="table"/> share one distribution over its columns.</summary>
    public static ChiSquareResult Homogeneity(IReadOnlyList<IReadOnlyList<long>> table)
    {
        var rows = table.Where(r => r.Sum() > 0).ToList();
        if (rows.Count < 2)
            return new ChiSquareResult(0, 0, 1, 0);
        var columns = Pool(rows);
        if (columns.Count < 2)
            return new ChiSquareResult(0, 0, 1, columns.Count);
        double grand = rows.Sum(r => (double)r.Sum());
        var rowTotals = rows.Select(r => (double)r.Sum()).ToArray();
        double statistic = 0;
        foreach (var column in columns)
        {
            double columnTotal = rows.Sum(r => column.Sum(c => (double)r[c]));
            for (var i = 0; i < rows.Count; i++)
            {
                var observed = column.Sum(c => (double)rows[i][c]);
                var expected = rowTotals[i] * columnTotal / grand;
                statistic += (observed - expected) * (observed - expected) / expected;
            }
        }
        var df = (rows.Count - 1) * (columns.Count - 1);
        return new ChiSquareResult(statistic, df, Gamma.UpperRegularized(df / 2.0, statistic / 2.0), columns.Count);
    }

    /// <summary>Groups of adjacent column indexes such that each group's smallest expected count is ≥ 5.</summary>
    private static List<List<int>> Pool(List<IReadOnlyList<long>> rows)
    {
        double grand = rows.Sum(r => (double)r.Sum());
        var minRowShare = rows.Min(r => r.Sum()) / grand;
        var width = rows.Max(r => r.Count);
        var groups = new List<List<int>>();
        var current = new List<int>();
        double currentTotal = 0;
        for (var c = 0; c < width; c++)
        {
            var total = rows.Sum(r => c < r.Count ? (double)r[c] : 0);
            if (total == 0)
                continue;
            current.Add(c);
            currentTotal += total;
            if (currentTotal * minRowShare >= 5)
            {
                groups.Add(current);
                current = [];
                currentTotal = 0;
            }
        }
        if (current.Count > 0)
        {
            if (groups.Count > 0)
                groups[^1].AddRange(current);
            else
                groups.Add(current);
        }
        return groups;
    }
}
