using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// Refuses paths that a backend may read differently from how the allow rules and routes read them. Kestrel has
/// already decoded the path and removed dot segments, but it keeps <c>%2F</c> encoded, turns <c>%5C</c> into
/// <c>\</c>, and leaves <c>;</c> path parameters alone; a backend that decodes <c>%2F</c>, treats <c>\</c> as a
/// separator, or strips <c>;</c> parameters (Tomcat, Spring) would then serve <c>/admin</c> for a request the rule
/// matched as <c>/stock/..%2Fadmin</c> or <c>/stock/..;/admin</c>. Envoy and Istio close the same gap with
/// <c>path_with_escaped_slashes_action: REJECT_REQUEST</c> (Envoy HttpConnectionManager) and Istio's
/// <c>meshConfig.pathNormalization</c> (istio.io "Authorization Policy Normalization": <c>%2f</c> and <c>%5c</c>
/// are decoded only with <c>DECODE_AND_MERGE_SLASHES</c>; "Security Best Practices", path normalization). Refusing, rather than rewriting, keeps what is forwarded exactly what was matched.
/// </summary>
public static class PathSafety
{
    /// <summary>Why the path is ambiguous, or null when it reads the same everywhere.</summary>
    public static string? Ambiguity(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value))
            return null;
        if (value.Contains("%2f", StringComparison.OrdinalIgnoreCase) || value.Contains("%5c", StringComparison.OrdinalIgnoreCase))
            return "the path holds an encoded slash or backslash (%2F, %5C), which backends decode differently; send it unencoded";
        if (value.Contains('\\'))
            return "the path holds a backslash, which some backends treat as '/'; use '/'";
        if (value.Contains(';'))
            return "the path holds a ';' path parameter, which some backends strip before routing; move it to the query string";
        return null;
    }
}
