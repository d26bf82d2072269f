namespace MeshFed.Gateway.Policy;

/// <summary>
/// Reads the caller's identity from Envoy's <c>x-forwarded-client-cert</c> header, which the site's mesh sets
/// on requests it delivers to the gateway: comma-separated elements, one per hop, each of
/// <c>key=value</c> pairs separated by <c>;</c>, values optionally quoted. The last element is the hop
/// closest to the gateway, whose <c>URI</c> is the calling workload's SPIFFE ID.
/// </summary>
public static class ForwardedClientCert
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "x-forwarded-client-cert";

    /// <summary>The <c>URI</c> of the last element, or null.</summary>
    public static string? CallerUri(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var elements = SplitOutsideQuotes(header, ',');
        foreach (var pair in SplitOutsideQuotes(elements[^1], ';'))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || !pair.AsSpan(0, equals).Trim().Equals("URI", StringComparison.OrdinalIgnoreCase))
                continue;
            var value = pair[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
            return value.Length == 0 ? null : value;
        }
        return null;
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && quoted)
                i++;
            else if (text[i] == '"')
                quoted = !quoted;
            else if (text[i] == separator && !quoted)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }
}
