using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Output;

/// <summary>One site's rendering as the summary sees it: what target, which resources, what could not be expressed.</summary>
/// <param name="Site">The site.</param>
/// <param name="Target">The target (istio, cloud-service-mesh, appmesh).</param>
/// <param name="Kinds">The kind of every resource written.</param>
/// <param name="Diagnostics">Concepts the target could not express.</param>
public sealed record SiteRenderSummary(string Site, string Target, IReadOnlyList<string> Kinds, IReadOnlyList<TargetDiagnostic> Diagnostics);

/// <summary>The table render prints: resources per kind per site, then every diagnostic.</summary>
public static class RenderSummary
{
    /// <summary>Writes the summary of <paramref name="sites"/>.</summary>
    public static void Write(IReadOnlyList<SiteRenderSummary> sites, string outFolder, TextWriter writer)
    {
        var kinds = sites.SelectMany(r => r.Kinds).Distinct().Order(StringComparer.Ordinal).ToList();
        var header = new List<string> { "site", "target" };
        header.AddRange(kinds);
        header.Add("total");
        var rows = sites.Select(r =>
        {
            var row = new List<string> { r.Site, r.Target };
            row.AddRange(kinds.Select(k => r.Kinds.Count(x => x == k).ToString()));
            row.Add(r.Kinds.Count.ToString());
            return row;
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToList();
        writer.WriteLine(Line(header, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            writer.WriteLine(Line(row, widths));
        foreach (var diagnostic in sites.SelectMany(r => r.Diagnostics))
            writer.WriteLine(diagnostic);
        var diagnostics = sites.Sum(r => r.Diagnostics.Count);
        writer.WriteLine($"wrote {sites.Sum(r => r.Kinds.Count)} resources for {sites.Count} site(s) to {outFolder}" +
            // Not every warning is enforced elsewhere: each says itself whether the meshfed gateway takes the concept
            // over, on which paths, or what the user must provide (a DNS record, a role tag).
            (diagnostics == 0 ? "" : $"; {diagnostics} warning(s) above: what the target cannot express, and where the meshfed gateway enforces it instead"));
    }

    private static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths) =>
        string.Join("  ", cells.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
