using System.Buffers;
using System.Text;

namespace MeshFed.Adapters.Aws.Signing;

/// <summary>
/// The canonical URI and query string of a SigV4 canonical request, for services other than S3, from the path
/// and query exactly as they go on the wire. Written to produce what the official JavaScript signer
/// (@smithy/signature-v4 <c>getCanonicalPath</c>, <c>getCanonicalQuery</c>) produces, which the conformance tests
/// compare: the path's empty and <c>.</c> segments are dropped and <c>..</c> removes the one before, then the
/// (already percent-encoded) path is encoded again, the "double encoding" of every service but S3
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, step 1); query parameters are
/// decoded, encoded with RFC 3986's unreserved set only and sorted by name, then value.
/// </summary>
public static class SigV4Canonical
{
    /// <summary>The canonical URI of <paramref name="wirePath"/> (a path as sent, e.g. <c>/a%20b/c</c>).</summary>
    public static string Path(string wirePath)
    {
        // The common case allocates nothing: a path of unreserved characters with no empty or dot segment.
        if (IsAlreadyCanonical(wirePath))
            return wirePath;
        var segments = new List<string>();
        foreach (var segment in wirePath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        var normalized = (wirePath.StartsWith('/') ? "/" : "") + string.Join('/', segments) + (segments.Count > 0 && wirePath.EndsWith('/') ? "/" : "");
        return Uri.EscapeDataString(normalized).Replace("%2F", "/", StringComparison.Ordinal);
    }

    /// <summary>The canonical query string of <paramref name="wireQuery"/> (as sent, with or without its <c>?</c>); empty when there is none.</summary>
    public static string Query(string wireQuery)
    {
        var query = wireQuery.AsSpan().TrimStart('?');
        if (query.IsEmpty)
            return "";
        var pairs = new List<(string Name, string Value)>();
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (part.IsEmpty)
                continue;
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? [] : part[(equals + 1)..];
            // '+' is a literal plus in a URI (RFC 3986), not a space: only %XX is decoded.
            pairs.Add((Uri.EscapeDataString(Uri.UnescapeDataString(name.ToString())), Uri.EscapeDataString(Uri.UnescapeDataString(value.ToString()))));
        }
        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        var text = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (text.Length > 0)
                text.Append('&');
            text.Append(name).Append('=').Append(value);
        }
        return text.ToString();
    }

    private static readonly SearchValues<char> s_unreservedOrSlash = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");

    private static bool IsAlreadyCanonical(string path)
    {
        if (path.Length == 0 || path[0] != '/' || path.AsSpan().ContainsAnyExcept(s_unreservedOrSlash))
            return false;
        var rest = path.AsSpan(1);
        while (!rest.IsEmpty)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            if ((segment.IsEmpty && slash >= 0) || segment is "." or "..")
                return false;
            rest = slash < 0 ? [] : rest[(slash + 1)..];
        }
        return true;
    }
}
