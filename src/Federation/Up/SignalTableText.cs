using System.Globalization;

namespace MeshFed.Federation.Up;

/// <summary>The golden-signal rows as an aligned plain-text table (logs, CI, redirected output).</summary>
public static class SignalTableText
{
    /// <summary>The column headings.</summary>
    public static readonly string[] Headings = ["service", "site", "version", "rps", "errors", "p50 ms", "p95 ms", "p99 ms", "in flight"];

    /// <summary>A row's cells, formatted as they are shown.</summary>
    public static string[] Cells(SignalWindow.Row row) =>
    [
        row.Key.Service, row.Key.Site, row.Key.Version,
        row.Rps.ToString("0.0", CultureInfo.InvariantCulture),
        (row.ErrorRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        row.P50Ms.ToString("0.0", CultureInfo.InvariantCulture),
        row.P95Ms.ToString("0.0", CultureInfo.InvariantCulture),
        row.P99Ms.ToString("0.0", CultureInfo.InvariantCulture),
        row.InFlight.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Writes the table.</summary>
    public static void Write(IReadOnlyList<SignalWindow.Row> rows, TextWriter output)
    {
        var table = new List<string[]> { Headings };
        table.AddRange(rows.Select(Cells));
        var widths = Enumerable.Range(0, Headings.Length).Select(i => table.Max(r => r[i].Length)).ToArray();
        foreach (var row in table)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i < 3 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
    }
}
