using System.Text;

namespace MeshFed.Telemetry;

/// <summary>
/// Text that someone outside presented (a certificate subject, a caller header), made safe for one log line:
/// control characters (a bare <c>\r</c> survives the single-line formatter) become '?', and the length is capped
/// so that a peer cannot fill the log with one value.
/// </summary>
public static class LogText
{
    /// <summary>The longest presented value written to a log line.</summary>
    public const int MaxPresentedLength = 200;

    /// <summary>The text with control characters replaced and cut at <see cref="MaxPresentedLength"/>.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxPresentedLength));
        foreach (var c in text.Length > MaxPresentedLength ? text[..MaxPresentedLength] : text)
            builder.Append(char.IsControl(c) ? '?' : c);
        return builder.ToString();
    }
}
