using System.Text.Json;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Output;

/// <summary>Prints a load result for people (text) or for machines (JSON).</summary>
public static class ValidationReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>One line per finding with the source line under it, then a summary line.</summary>
    public static void WriteText(string path, ManifestLoadResult result, TextWriter writer)
    {
        var snippets = new SourceSnippet();
        foreach (var diagnostic in result.Diagnostics)
        {
            writer.WriteLine(diagnostic.ToString());
            if (snippets.For(diagnostic.Location) is { } snippet)
                writer.WriteLine(snippet);
        }
        var errors = result.Errors.Count();
        var warnings = result.Warnings.Count();
        if (result.Mesh is { } mesh)
        {
            var warned = warnings == 0 ? "" : $", {Plural(warnings, "warning")}";
            writer.WriteLine($"{path}: valid: mesh '{mesh.Name}' with {Plural(mesh.Sites.Count, "site")} and {Plural(mesh.Services.Count, "service")} " +
                $"from {Plural(result.Files.Count, "file")}{warned}");
        }
        else
        {
            writer.WriteLine($"{path}: invalid: {Plural(errors, "error")}{(warnings == 0 ? "" : $", {Plural(warnings, "warning")}")}");
        }
    }

    /// <summary>A single JSON document: validity, counts, files, and every finding with its position.</summary>
    public static void WriteJson(string path, ManifestLoadResult result, TextWriter writer)
    {
        var report = new
        {
            path,
            valid = result.IsValid,
            errors = result.Errors.Count(),
            warnings = result.Warnings.Count(),
            files = result.Files,
            mesh = result.Mesh is { } mesh
                ? new { name = mesh.Name, trustDomain = mesh.TrustDomain, sites = mesh.Sites.Select(s => s.Name), services = mesh.Services.Select(s => $"{s.Namespace}/{s.Name}") }
                : null,
            diagnostics = result.Diagnostics.Select(d => new
            {
                severity = d.Severity == Severity.Error ? "error" : "warning",
                code = d.Code,
                file = d.Location?.File,
                line = d.Location?.Line,
                column = d.Location?.Column,
                path = d.Path,
                message = d.Message,
                hint = d.Hint,
            }),
        };
        writer.WriteLine(JsonSerializer.Serialize(report, s_json));
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
