using System.Text.Json;
using MeshFed.Federation.Output;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>Prints an analysis for people (text, and the path table with wide) or for machines (JSON).</summary>
internal static class AnalysisReport
{
    /// <summary>One line per finding with its source line, the rendered resource and the paths it stops (or, for a warning, concerns); then a summary.</summary>
    public static void WriteText(string path, AnalysisResult result, bool wide, TextWriter writer)
    {
        var snippets = new SourceSnippet();
        foreach (var finding in result.Findings)
        {
            writer.WriteLine(finding.ToString());
            if (snippets.For(finding.Location) is { } snippet)
                writer.WriteLine(snippet);
            if (finding.Resource is not null || finding.File is not null)
                writer.WriteLine($"      rendered: {(finding.RenderedSite is { } site ? $"{site}/" : "")}{finding.File} ({finding.Resource})");
            // An error stops its paths there; a warning's paths go on, not as the manifest says.
            writer.WriteLine(finding.Severity == Severity.Error
                ? $"      stops at: {WireNames<Hop>.Of(finding.Hop)}"
                : $"      at: {WireNames<Hop>.Of(finding.Hop)} (the paths go on)");
            const int shown = 5;
            foreach (var stopped in finding.Paths.Take(shown))
                writer.WriteLine($"      path: {stopped}");
            if (finding.Paths.Count > shown)
                writer.WriteLine($"      ... and {finding.Paths.Count - shown} more path(s)");
        }
        if (wide)
            WriteTable(result, writer);
        var errors = result.Findings.Count(f => f.Severity == Severity.Error);
        var warnings = result.Findings.Count - errors;
        var verdict = errors == 0 ? "works" : "broken";
        writer.WriteLine($"{path}: {verdict}: {result.Working} of {result.Paths.Count} path(s) carry traffic; {errors} error(s), {warnings} warning(s)");
    }

    private static void WriteTable(AnalysisResult result, TextWriter writer)
    {
        foreach (var service in result.Paths.GroupBy(p => p.Service))
        {
            writer.WriteLine();
            writer.WriteLine($"service {service.Key}");
            string[] header = ["caller", "port", "route", "target", "weight", "status", "via"];
            var rows = service.Select(p => new[]
            {
                p.Caller, p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Route, $"{p.Version}@{p.Serving}", $"{p.Weight}%",
                p.Warnings.Count == 0 ? p.Status : $"{p.Status} ({string.Join(",", p.Warnings)})", string.Join(" → ", p.Via),
            }).ToList();
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToList();
            writer.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            foreach (var row in rows)
                writer.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
        writer.WriteLine();
    }

    /// <summary>One JSON document (source-generated serializer).</summary>
    public static void WriteJson(string path, AnalysisResult result, TextWriter writer)
    {
        var errors = result.Findings.Count(f => f.Severity == Severity.Error);
        var report = new AnalysisJsonReport(path, result.Mesh, errors == 0, errors, result.Findings.Count - errors, result.Paths.Count, result.Working,
            [.. result.Findings.Select(f => new AnalysisJsonFinding(
                f.Severity == Severity.Error ? "error" : "warning", f.Code, WireNames<Hop>.Of(f.Hop), f.Site, f.Service, f.File, f.RenderedSite, f.Resource,
                f.ManifestPath, f.Location?.File, f.Location?.Line, f.Location?.Column, f.Message, f.Fix, f.Paths))],
            result.Paths);
        writer.WriteLine(JsonSerializer.Serialize(report, AnalysisJsonContext.Default.AnalysisJsonReport));
    }
}
