namespace MeshFed.Gateway.Policy;

/// <summary>
/// Reads the caller's identity from Envoy's <c>x-forwarded-client-cert</c> header, which the site's mesh sets
/// on requests it delivers to the gateway: comma-separated elements, one per hop, each of
/// <c>key=value</c> pairs separated by <c>;</c>, values optionally quoted. The last element is the hop
/// closest to the gateway, whose <c>URI</c> is the calling workload's SPIFFE ID.
/// </summary>
/// <remarks>Read on every request from the mesh, so it scans spans and allocates only the value it returns.</remarks>
public static class ForwardedClientCert
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "x-forwarded-client-cert";

    /// <summary>The <c>URI</c> of the last element, or null.</summary>
    public static string? CallerUri(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var element = header.AsSpan(SeparatorOutsideQuotes(header, ',', last: true) + 1);
        while (true)
        {
            var end = SeparatorOutsideQuotes(element, ';', last: false);
            var pair = end < 0 ? element : element[..end];
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals].Trim().Equals("URI", StringComparison.OrdinalIgnoreCase))
            {
                var value = pair[(equals + 1)..].Trim();
                var text = value.Length >= 2 && value[0] == '"' && value[^1] == '"'
                    ? value[1..^1].ToString().Replace("\\\"", "\"", StringComparison.Ordinal)
                    : value.ToString();
                return text.Length == 0 ? null : text;
            }
            if (end < 0)
                return null;
            element = element[(end + 1)..];
        }
    }

    // The first (or last) separator outside double quotes (a backslash escapes the next character inside them), or -1.
    private static int SeparatorOutsideQuotes(ReadOnlySpan<char> text, char separator, bool last)
    {
        var found = -1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && quoted)
                i++;
            else if (text[i] == '"')
                quoted = !quoted;
            else if (text[i] == separator && !quoted)
            {
                found = i;
                if (!last)
                    return i;
            }
        }
        return found;
    }
}
