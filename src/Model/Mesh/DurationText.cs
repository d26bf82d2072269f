using System.Globalization;

namespace MeshFed.Model;

/// <summary>
/// Go/Istio-style durations (<c>250ms</c>, <c>10s</c>, <c>1m30s</c>, <c>1.5h</c>) with millisecond precision:
/// the finest unit App Mesh and Istio both take.
/// </summary>
public static class DurationText
{
    /// <summary>The longest duration a manifest may hold (beyond it, every target would overflow or ignore it).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    /// <summary>
    /// The JSON Schema pattern of a duration's shape (numbers with units); <see cref="ZeroPattern"/> is what it
    /// must not be. The 365-day and millisecond limits are left to <see cref="TryParse"/>.
    /// </summary>
    public const string Pattern = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>The JSON Schema pattern of a duration of zero, which <see cref="TryParse"/> refuses.</summary>
    public const string ZeroPattern = "^(0+(\\.0+)?(ms|s|m|h))+$";

    /// <summary>Parses a duration; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (text.Length == 0 || text.Length > 64)
        {
            error = "is not a duration";
            return false;
        }
        decimal totalMs = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                i++;
            var digits = text.AsSpan(start, i - start);
            var dot = digits.IndexOf('.');
            var wellFormed = digits.Length > 0 && dot != 0 && dot != digits.Length - 1 && digits.Count('.') <= 1;
            if (!wellFormed || !decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = "is not a duration: each part is a number followed by a unit";
                return false;
            }
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
                i++;
            var unit = text[unitStart..i];
            decimal? scale = unit switch { "ms" => 1m, "s" => 1000m, "m" => 60_000m, "h" => 3_600_000m, _ => null };
            if (scale is null)
            {
                error = unit.Length == 0
                    ? "has a number without a unit"
                    : unit is "ns" or "us" or "µs"
                        ? $"uses '{unit}', finer than the millisecond precision of App Mesh and Istio"
                        : $"has the unknown unit '{unit}'";
                return false;
            }
            totalMs += number * scale.Value;
            if (totalMs > (decimal)Max.TotalMilliseconds)
            {
                error = "is longer than 365 days";
                return false;
            }
        }
        if (totalMs != decimal.Truncate(totalMs))
        {
            error = "is finer than a millisecond, which App Mesh and Istio cannot express";
            return false;
        }
        if (totalMs == 0)
        {
            error = "must be longer than zero";
            return false;
        }
        value = TimeSpan.FromMilliseconds((double)totalMs);
        return true;
    }

    /// <summary>The shortest exact text for a duration: <c>250ms</c>, <c>10s</c>, <c>1m30s</c>, <c>2h</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        if (ms % 1000 != 0)
            return $"{ms}ms";
        var seconds = ms / 1000;
        if (seconds < 60 || seconds % 60 != 0 && seconds < 3600)
            return seconds < 60 ? $"{seconds}s" : $"{seconds / 60}m{seconds % 60}s";
        var parts = "";
        var hours = seconds / 3600;
        var minutes = seconds % 3600 / 60;
        var rest = seconds % 60;
        if (hours > 0) parts += $"{hours}h";
        if (minutes > 0) parts += $"{minutes}m";
        if (rest > 0) parts += $"{rest}s";
        return parts;
    }
}
