using System.Text.RegularExpressions;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Tests.Simulation;

/// <summary>
/// What the manifest declares for a request from a site, read straight from the model: the first route
/// whose match holds, and each target's share landing on its pinned site, on this site when the version
/// runs here (nearest first), or on whichever remote site the gateway picks ("*").
/// </summary>
public static class ModelOracle
{
    public static IReadOnlyDictionary<Landing, double>? Route(Service service, string site, SimRequest request)
    {
        foreach (var route in service.EffectiveRoutes)
        {
            if (!Holds(route.Match, request))
                continue;
            var shares = new Dictionary<Landing, double>();
            foreach (var target in route.To)
            {
                var runsHere = service.Deployments.Any(d => d.Site == site && d.Version == target.Version);
                var landing = new Landing(target.Site ?? (runsHere ? site : "*"), target.Version);
                shares[landing] = shares.GetValueOrDefault(landing) + target.Weight / 100.0;
            }
            return shares;
        }
        return null;
    }

    private static bool Holds(RouteMatch match, SimRequest request)
    {
        if (match.Path is { } path && !(path.Kind switch
            {
                PathMatchKind.Exact => request.Path == path.Value,
                PathMatchKind.Prefix => request.Path.StartsWith(path.Value, StringComparison.Ordinal),
                _ => Regex.IsMatch(request.Path, $"^(?:{path.Value})$"),
            }))
            return false;
        if (match.Method is { } method && request.Method != method)
            return false;
        return match.Headers.All(h => request.Headers.TryGetValue(h.Name, out var v) && Holds(h.Match, v))
            && match.QueryParams.All(q => request.Query.TryGetValue(q.Name, out var v) && Holds(q.Match, v));
    }

    private static bool Holds(StringMatch match, string value) => match.Kind switch
    {
        StringMatchKind.Exact => value == match.Value,
        StringMatchKind.Prefix => value.StartsWith(match.Value, StringComparison.Ordinal),
        StringMatchKind.Suffix => value.EndsWith(match.Value, StringComparison.Ordinal),
        StringMatchKind.Present => true,
        _ => Regex.IsMatch(value, $"^(?:{match.Value})$"),
    };
}
