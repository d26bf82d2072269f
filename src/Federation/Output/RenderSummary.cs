using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Model;

namespace MeshFed.Federation.Output;

/// <summary>The table render prints: resources per kind per site, then every diagnostic.</summary>
public static class RenderSummary
{
    /// <summary>Writes the summary of <paramref name="renderings"/>.</summary>
    public static void Write(IReadOnlyList<IstioRendering> renderings, string outFolder, TextWriter writer)
    {
        var kinds = renderings.SelectMany(r => r.Resources.Select(x => x.Kind)).Distinct().Order(StringComparer.Ordinal).ToList();
        var header = new List<string> { "site", "profile" };
        header.AddRange(kinds);
        header.Add("total");
        var rows = renderings.Select(r =>
        {
            var row = new List<string> { r.Site, WireNames<IstioProfile>.Of(r.Profile) };
            row.AddRange(kinds.Select(k => r.Resources.Count(x => x.Kind == k).ToString()));
            row.Add(r.Resources.Count.ToString());
            return row;
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToList();
        writer.WriteLine(Line(header, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            writer.WriteLine(Line(row, widths));
        foreach (var diagnostic in renderings.SelectMany(r => r.Diagnostics))
            writer.WriteLine(diagnostic);
        var diagnostics = renderings.Sum(r => r.Diagnostics.Count);
        writer.WriteLine($"wrote {renderings.Sum(r => r.Resources.Count)} resources for {renderings.Count} site(s) to {outFolder}" +
            (diagnostics == 0 ? "" : $"; {diagnostics} concept(s) are enforced by the meshfed gateway instead (see warnings)"));
    }

    private static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths) =>
        string.Join("  ", cells.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
