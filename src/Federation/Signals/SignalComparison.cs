namespace MeshFed.Federation.Signals;

/// <summary>How one row compares with the baseline row.</summary>
/// <param name="Row">The row.</param>
/// <param name="LatencyTest">Chi-square homogeneity of its latency buckets against the baseline's.</param>
/// <param name="ErrorTest">Chi-square homogeneity of its errors/successes against the baseline's.</param>
/// <param name="LatencyDiffers">Whether the latency distributions differ at the corrected level.</param>
/// <param name="ErrorsDiffer">Whether the error rates differ at the corrected level.</param>
public sealed record RowVerdict(SignalRow Row, ChiSquareResult LatencyTest, ChiSquareResult ErrorTest, bool LatencyDiffers, bool ErrorsDiffer);

/// <summary>
/// The comparison <c>meshfed signals compare</c> prints: every site/version's golden signals, an overall test of
/// whether all latency distributions are one, and each row against the baseline (the row with the most traffic)
/// with a Bonferroni-corrected level, so that many rows do not produce "differences" by chance.
/// </summary>
public sealed record SignalComparison
{
    /// <summary>The service compared.</summary>
    public required string Service { get; init; }

    /// <summary>The window's start.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The window's end.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Where the data came from (<c>local .meshfed/telemetry.db</c>, <c>cloudwatch us-east-1</c>, …).</summary>
    public required string Source { get; init; }

    /// <summary>The rows, most traffic first: the first is the baseline.</summary>
    public required IReadOnlyList<SignalRow> Rows { get; init; }

    /// <summary>The family-wise significance level.</summary>
    public required double Alpha { get; init; }

    /// <summary>All rows' latency distributions against each other.</summary>
    public required ChiSquareResult Overall { get; init; }

    /// <summary>Each non-baseline row against the baseline.</summary>
    public required IReadOnlyList<RowVerdict> Verdicts { get; init; }

    /// <summary>The baseline, or null without data.</summary>
    public SignalRow? Baseline => Rows.Count > 0 ? Rows[0] : null;

    /// <summary>Compares <paramref name="rows"/> at level <paramref name="alpha"/>.</summary>
    public static SignalComparison Of(string service, DateTimeOffset from, DateTimeOffset to, string source, IEnumerable<SignalRow> rows, double alpha = 0.01)
    {
        var ordered = rows.OrderByDescending(r => r.Requests).ThenBy(r => r.Site, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal).ToList();
        var overall = ChiSquare.Homogeneity([.. ordered.Select(r => r.Latency.Counts)]);
        var verdicts = new List<RowVerdict>();
        if (ordered.Count > 1)
        {
            var baseline = ordered[0];
            var corrected = alpha / (ordered.Count - 1);
            foreach (var row in ordered.Skip(1))
            {
                var latency = ChiSquare.Homogeneity([baseline.Latency.Counts, row.Latency.Counts]);
                var errors = ChiSquare.Homogeneity([
                    [baseline.Errors, baseline.Requests - baseline.Errors],
                    [row.Errors, row.Requests - row.Errors],
                ]);
                verdicts.Add(new RowVerdict(row, latency, errors, latency.Significant(corrected), errors.Significant(corrected)));
            }
        }
        return new SignalComparison
        {
            Service = service, From = from, To = to, Source = source, Rows = ordered, Alpha = alpha, Overall = overall, Verdicts = verdicts,
        };
    }
}
