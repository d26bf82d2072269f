using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;
using StringMatch = MeshFed.Adapters.Gcp.Istio.Api.StringMatch;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>Route matches as Istio <c>HTTPMatchRequest</c>s.</summary>
internal static class MatchTranslator
{
    /// <summary>The match list of an http route; null for a catch-all (Istio: no <c>match</c>).</summary>
    public static IReadOnlyList<HttpMatchRequest>? Translate(RouteMatch match)
    {
        if (match.IsCatchAll && match.Path is null)
            return null;
        var uri = match.Path is not { } path ? null : path.Kind switch
        {
            PathMatchKind.Exact => StringMatch.Exact(path.Value),
            PathMatchKind.Prefix => StringMatch.Prefix(path.Value),
            _ => StringMatch.Regex(path.Value),
        };
        return
        [
            new HttpMatchRequest(
                Uri: uri,
                Method: match.Method is { } method ? StringMatch.Exact(method) : null,
                Headers: match.Headers.Count > 0 ? Conditions(match.Headers, prefixSupported: true) : null,
                QueryParams: match.QueryParams.Count > 0 ? Conditions(match.QueryParams, prefixSupported: false) : null),
        ];
    }

    private static OrderedDictionary<string, StringMatch> Conditions(IReadOnlyList<HeaderMatch> matches, bool prefixSupported)
    {
        var conditions = new OrderedDictionary<string, StringMatch>(matches.Count, StringComparer.Ordinal);
        foreach (var match in matches)
            conditions[match.Name] = Condition(match.Match, prefixSupported);
        return conditions;
    }

    /// <summary>
    /// Istio has exact, prefix (not for query parameters: HTTPMatchRequest.queryParams "Only exact and regex are
    /// supported", istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest) and regex;
    /// the rest become RE2 patterns.
    /// </summary>
    private static StringMatch Condition(Model.StringMatch match, bool prefixSupported) => match.Kind switch
    {
        StringMatchKind.Exact => StringMatch.Exact(match.Value),
        StringMatchKind.Prefix when prefixSupported => StringMatch.Prefix(match.Value),
        StringMatchKind.Prefix => StringMatch.Regex(IstioNames.EscapeRegex(match.Value) + ".*"),
        StringMatchKind.Suffix => StringMatch.Regex(".*" + IstioNames.EscapeRegex(match.Value)),
        StringMatchKind.Present => StringMatch.Regex(".*"),
        _ => StringMatch.Regex(match.Value),
    };
}
