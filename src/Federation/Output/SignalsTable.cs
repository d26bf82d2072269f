using System.Globalization;
using MeshFed.Federation.Signals;

namespace MeshFed.Federation.Output;

/// <summary>
/// <c>meshfed signals compare</c> as a text table: one line per site/version with traffic, errors, latency
/// percentiles and saturation, the differences from the baseline (the busiest row), and the test verdicts.
/// </summary>
public static class SignalsTable
{
    /// <summary>Writes <paramref name="comparison"/> to <paramref name="output"/>.</summary>
    public static void Write(SignalComparison comparison, TextWriter output)
    {
        output.WriteLine($"golden signals of {comparison.Service}, {Time(comparison.From)} to {Time(comparison.To)} ({Duration(comparison.To - comparison.From)}), from {comparison.Source}");
        if (comparison.Rows.Count == 0)
        {
            output.WriteLine("no data for this service in the window");
            return;
        }
        output.WriteLine();
        string[] header = ["site/version", "cloud", "requests", "rps", "errors", "p50 ms", "p95 ms", "p99 ms", "in-flight", "Δrps", "Δerrors", "Δp50 ms", "Δp99 ms", "latency vs baseline", "errors vs baseline"];
        var lines = new List<string[]> { header };
        var baseline = comparison.Baseline!;
        foreach (var row in comparison.Rows)
        {
            var verdict = comparison.Verdicts.FirstOrDefault(v => v.Row == row);
            lines.Add([
                row.Label, row.Cloud, row.Requests.ToString(CultureInfo.InvariantCulture), Number(row.Rps, 2), Percent(row.ErrorRate),
                Ms(row.Latency.Quantile(0.5)), Ms(row.Latency.Quantile(0.95)), Ms(row.Latency.Quantile(0.99)), Number(row.Saturation, 0),
                verdict is null ? "" : Signed(row.Rps - baseline.Rps, 2),
                verdict is null ? "" : Signed((row.ErrorRate - baseline.ErrorRate) * 100, 2) + "pp",
                verdict is null ? "" : Signed((row.Latency.Quantile(0.5) - baseline.Latency.Quantile(0.5)) * 1000, 1),
                verdict is null ? "" : Signed((row.Latency.Quantile(0.99) - baseline.Latency.Quantile(0.99)) * 1000, 1),
                verdict is null ? "baseline" : Verdict(verdict.LatencyDiffers, verdict.LatencyTest),
                verdict is null ? "baseline" : Verdict(verdict.ErrorsDiffer, verdict.ErrorTest),
            ]);
        }
        var widths = Enumerable.Range(0, header.Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        foreach (var line in lines)
            output.WriteLine(string.Join("  ", line.Select((cell, i) => i is 0 or 1 or 13 or 14 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        output.WriteLine();
        output.WriteLine(Overall(comparison));
    }

    /// <summary>The closing sentence: do all rows share one latency distribution?</summary>
    public static string Overall(SignalComparison comparison)
    {
        var overall = comparison.Overall;
        if (overall.DegreesOfFreedom == 0)
            return overall.Columns == 1
                ? "overall: every request of every row fell into one latency bucket: no difference at this resolution"
                : "overall: not enough data in two or more rows to test the latency distributions";
        var verdict = overall.Significant(comparison.Alpha)
            ? "the latency distributions differ significantly"
            : "no significant difference between the latency distributions";
        return string.Create(CultureInfo.InvariantCulture,
            $"overall: chi-square test of homogeneity on the latency buckets: X² = {overall.Statistic:0.##}, df = {overall.DegreesOfFreedom}, {P(overall.PValue)}: {verdict} (alpha {comparison.Alpha}; pairwise tests Bonferroni-corrected)");
    }

    internal static string Verdict(bool differs, ChiSquareResult test) => test switch
    {
        { DegreesOfFreedom: 0, Columns: 1 } => "same (all in one bucket)",
        { DegreesOfFreedom: 0 } => "too little data",
        _ => $"{(differs ? "differs" : "same")} ({P(test.PValue)})",
    };

    internal static string P(double p) => p < 0.001 ? "p < 0.001" : string.Create(CultureInfo.InvariantCulture, $"p = {p:0.###}");

    internal static string Ms(double seconds) => double.IsNaN(seconds) ? "-" : Number(seconds * 1000, 1);

    internal static string Percent(double share) => Number(share * 100, 2) + "%";

    private static string Signed(double value, int digits) =>
        double.IsNaN(value) ? "-" : (value >= 0 ? "+" : "") + Number(value, digits);

    private static string Number(double value, int digits) => value.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0
        ? $"{span.TotalMinutes:0}m" : $"{span.TotalSeconds:0}s";
}
