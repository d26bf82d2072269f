using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Output;

/// <summary>Shows the line a finding points at with a caret under the column, like a compiler does.</summary>
internal sealed class SourceSnippet
{
    private const int MaxWidth = 120;
    private readonly Dictionary<string, string[]?> _lines = new(StringComparer.Ordinal);

    /// <summary>The two lines to print under a finding, or null when there is no position or no readable file.</summary>
    public string? For(SourceLocation? location)
    {
        if (location is null || location.Line <= 0)
            return null;
        var lines = Lines(location.File);
        if (lines is null || location.Line > lines.Length)
            return null;
        var line = lines[location.Line - 1].Replace('\t', ' ');
        var column = Math.Min(location.Column, line.Length + 1);
        if (line.Length > MaxWidth)
        {
            var start = Math.Max(0, Math.Min(column - MaxWidth / 2, line.Length - MaxWidth));
            line = line.Substring(start, MaxWidth);
            column -= start;
        }
        var gutter = $"{location.Line,5} | ";
        return $"{gutter}{line}\n{new string(' ', gutter.Length - 2)}| {new string(' ', Math.Max(0, column - 1))}^";
    }

    private string[]? Lines(string file)
    {
        if (_lines.TryGetValue(file, out var cached))
            return cached;
        string[]? lines = null;
        try
        {
            // Only small text files: the loader already refused anything large or binary.
            if (File.Exists(file) && new FileInfo(file).Length <= 16 * 1024 * 1024)
                lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lines = null;
        }
        _lines[file] = lines;
        return lines;
    }
}
