using System.Text.RegularExpressions;

namespace MeshFed.Model;

/// <summary>SPIFFE trust domains and IDs (SPIFFE-ID specification, section 2).</summary>
public static partial class TrustDomains
{
    // The pieces of the patterns, so the trust domain of an ID is the trust domain IsValid accepts.
    private const string DomainPart = "[a-z0-9._-]{1,255}";
    private const string PathSegment = "/[a-zA-Z0-9._-]+";

    /// <summary>The JSON Schema pattern equivalent to <see cref="IsValid"/> (with <see cref="MaxLength"/>).</summary>
    public const string Pattern = "^" + DomainPart + "$";

    /// <summary>The longest trust domain: a DNS name's limit (RFC 1035, section 2.3.4), which the pattern also says.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// The JSON Schema pattern of a SPIFFE ID; <see cref="TryParseId"/> also refuses '.' and '..' segments and
    /// IDs over 2048 characters, which a pattern cannot say readably.
    /// </summary>
    public const string IdPattern = "^spiffe://" + DomainPart + "(" + PathSegment + ")*$";

    /// <summary>True for a lowercase trust domain of letters, digits, '.', '-' and '_' (at most 255 characters).</summary>
    public static bool IsValid(string value) => value.Length is > 0 and <= MaxLength && TrustDomainRegex().IsMatch(value);

    /// <summary>
    /// Splits <c>spiffe://domain/path</c>; false when the text is not a SPIFFE ID. Strict, as the SPIFFE-ID
    /// specification (sections 2.1-2.3) requires and without any URI normalisation: scheme and trust domain in
    /// lower case, no user info, port, query or fragment, and path segments of letters, digits, '.', '-' and '_'
    /// that are neither empty nor '.' or '..'; percent-encoding is not allowed. So
    /// <c>spiffe://td/site/a/../b/gateway</c>, <c>spiffe://td/site/a%2Db</c> and <c>spiffe://TD/x</c> are refused,
    /// never read as another identity.
    /// </summary>
    public static bool TryParseId(string value, out string trustDomain, out string path)
    {
        trustDomain = path = "";
        const string scheme = "spiffe://";
        if (!value.StartsWith(scheme, StringComparison.Ordinal) || value.Length > 2048)
            return false;
        // Checked on spans, so a caller's ID (parsed on every request that names one) allocates only the two parts.
        var rest = value.AsSpan(scheme.Length);
        var slash = rest.IndexOf('/');
        var domain = slash < 0 ? rest : rest[..slash];
        var pathSpan = slash < 0 ? [] : rest[slash..];
        if (domain.Length is 0 or > MaxLength || !TrustDomainRegex().IsMatch(domain) || (pathSpan.Length > 0 && !SpiffePathRegex().IsMatch(pathSpan)))
            return false;
        foreach (var range in pathSpan.Split('/'))
        {
            if (pathSpan[range] is "." or "..")
                return false;
        }
        trustDomain = domain.ToString();
        path = pathSpan.ToString();
        return true;
    }

    // \z, not $: .NET's $ also matches before a final newline, which would let "td\n" through (JSON Schema's
    // ECMAScript $ does not).
    [GeneratedRegex("^" + DomainPart + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex TrustDomainRegex();

    [GeneratedRegex("^(" + PathSegment + @")+\z", RegexOptions.CultureInvariant)]
    private static partial Regex SpiffePathRegex();
}
