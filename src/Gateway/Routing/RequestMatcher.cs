using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MeshFed.Model;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// A route's match against a request, with the meshes' semantics: a path prefix is a string prefix (Istio
/// and App Mesh alike), regular expressions must match the whole value (Envoy's RE2 full match), header
/// names are case-insensitive, every condition must hold.
/// </summary>
public static class RequestMatcher
{
    private static readonly ConcurrentDictionary<string, Regex> s_compiled = new();

    /// <summary>Whether <paramref name="request"/> satisfies <paramref name="match"/>.</summary>
    public static bool Matches(RouteMatch match, HttpRequest request)
    {
        if (match.Method is not null && !string.Equals(match.Method, request.Method, StringComparison.OrdinalIgnoreCase))
            return false;
        if (match.Path is { } path && !PathMatches(path, request.Path.Value ?? "/"))
            return false;
        foreach (var header in match.Headers)
        {
            var value = request.Headers.TryGetValue(header.Name, out var values) ? values.ToString() : null;
            if (!StringMatches(header.Match, value))
                return false;
        }
        foreach (var query in match.QueryParams)
        {
            var value = request.Query.TryGetValue(query.Name, out var values) ? values.ToString() : null;
            if (!StringMatches(query.Match, value))
                return false;
        }
        return true;
    }

    /// <summary>Whether a request path satisfies a path match.</summary>
    public static bool PathMatches(PathMatch match, string path) => match.Kind switch
    {
        PathMatchKind.Exact => path == match.Value,
        PathMatchKind.Prefix => path.StartsWith(match.Value, StringComparison.Ordinal),
        _ => FullRegex(match.Value).IsMatch(path),
    };

    /// <summary>Whether a header or query value (null when absent) satisfies a string match.</summary>
    public static bool StringMatches(StringMatch match, string? value)
    {
        if (value is null)
            return false;
        return match.Kind switch
        {
            StringMatchKind.Present => true,
            StringMatchKind.Exact => value == match.Value,
            StringMatchKind.Prefix => value.StartsWith(match.Value, StringComparison.Ordinal),
            StringMatchKind.Suffix => value.EndsWith(match.Value, StringComparison.Ordinal),
            _ => FullRegex(match.Value).IsMatch(value),
        };
    }

    // NonBacktracking: linear time in the input, like RE2, so a request cannot make a pattern run away. \z, not $:
    // .NET's $ also matches before a final "\n", so "^(?:abc)$" would take the query value "abc%0A"; RE2's full match
    // (Envoy's safe_regex, https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/matcher/v3/regex.proto) does not.
    private static Regex FullRegex(string pattern) =>
        s_compiled.GetOrAdd(pattern, p => new Regex($@"^(?:{p})\z", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
}
