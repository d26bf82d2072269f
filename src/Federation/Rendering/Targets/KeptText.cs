using System.Text;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>
/// What a target writes while its output is held back (<see cref="PreparedStream"/>), kept in memory in order. A text
/// already built whole and written as a <see cref="StringBuilder"/> (a site's YAML stream, <see cref="YamlStreamWriter.Write"/>)
/// is kept by reference rather than copied: at 10,000 services that copy was 38 MB of characters made on the stream's
/// thread, whose collections pause the analysis too. The writer of such a builder must not change it afterwards.
/// </summary>
internal sealed class KeptText : TextWriter
{
    private readonly List<StringBuilder> _parts = [];
    private StringBuilder? _open;

    /// <summary>As <see cref="StringWriter"/>'s: the text is kept as .NET characters (UTF-16, no byte-order mark).</summary>
    public override Encoding Encoding { get; } = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);

    public override void Write(char value) => Open().Append(value);

    public override void Write(string? value) => Open().Append(value);

    public override void Write(char[] buffer, int index, int count) => Open().Append(buffer, index, count);

    public override void Write(ReadOnlySpan<char> buffer) => Open().Append(buffer);

    /// <summary>Keeps <paramref name="value"/> as the next part, without copying it; the caller no longer changes it.</summary>
    public override void Write(StringBuilder? value)
    {
        if (value is null)
            return;
        _open = null;
        _parts.Add(value);
    }

    /// <summary>Everything kept, in the order written, to <paramref name="writer"/>.</summary>
    public void WriteTo(TextWriter writer)
    {
        foreach (var part in _parts)
        {
            foreach (var chunk in part.GetChunks())
                writer.Write(chunk.Span);
        }
    }

    /// <summary>Everything kept, as one string (for tests).</summary>
    public override string ToString()
    {
        var all = new StringBuilder();
        foreach (var part in _parts)
            all.Append(part);
        return all.ToString();
    }

    private StringBuilder Open()
    {
        if (_open is null)
        {
            _open = new StringBuilder();
            _parts.Add(_open);
        }
        return _open;
    }
}
