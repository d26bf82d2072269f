using System.Text.Json.Nodes;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>Route matches as Istio <c>HTTPMatchRequest</c>s.</summary>
internal static class MatchTranslator
{
    /// <summary>The match list of an http route; null for a catch-all (Istio: no <c>match</c>).</summary>
    public static JsonArray? Translate(RouteMatch match)
    {
        if (match.IsCatchAll && match.Path is null)
            return null;
        var request = new JsonObject();
        if (match.Path is { } path)
        {
            request["uri"] = path.Kind switch
            {
                PathMatchKind.Exact => new JsonObject { ["exact"] = path.Value },
                PathMatchKind.Prefix => new JsonObject { ["prefix"] = path.Value },
                _ => new JsonObject { ["regex"] = path.Value },
            };
        }
        if (match.Method is { } method)
            request["method"] = new JsonObject { ["exact"] = method };
        if (match.Headers.Count > 0)
            request["headers"] = Conditions(match.Headers, prefixSupported: true);
        if (match.QueryParams.Count > 0)
            request["queryParams"] = Conditions(match.QueryParams, prefixSupported: false);
        return [request];
    }

    private static JsonObject Conditions(IReadOnlyList<HeaderMatch> matches, bool prefixSupported)
    {
        var conditions = new JsonObject();
        foreach (var match in matches)
            conditions[match.Name] = Condition(match.Match, prefixSupported);
        return conditions;
    }

    /// <summary>Istio has exact, prefix (not for query parameters) and regex; the rest become RE2 patterns.</summary>
    private static JsonObject Condition(StringMatch match, bool prefixSupported) => match.Kind switch
    {
        StringMatchKind.Exact => new JsonObject { ["exact"] = match.Value },
        StringMatchKind.Prefix when prefixSupported => new JsonObject { ["prefix"] = match.Value },
        StringMatchKind.Prefix => new JsonObject { ["regex"] = IstioNames.EscapeRegex(match.Value) + ".*" },
        StringMatchKind.Suffix => new JsonObject { ["regex"] = ".*" + IstioNames.EscapeRegex(match.Value) },
        StringMatchKind.Present => new JsonObject { ["regex"] = ".*" },
        _ => new JsonObject { ["regex"] = match.Value },
    };
}
