using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Tests.Simulation;

/// <summary>
/// Requests that probe a service's routes: values that satisfy each condition, near misses, and noise,
/// combined at random (seeded) so both matching and non-matching requests are tried.
/// </summary>
public static class RequestSampler
{
    public static IEnumerable<SimRequest> For(Service service, int count, int seed)
    {
        var random = new Random(seed);
        var matches = service.EffectiveRoutes.Select(r => r.Match).ToList();
        var paths = new List<string> { "/", "/x", "/api", "/api/v1/items", "/items/42", "/healthz" };
        foreach (var path in matches.Select(m => m.Path).OfType<PathMatch>())
        {
            paths.Add(path.Value);
            if (path.Kind == PathMatchKind.Prefix)
                paths.AddRange([path.Value + "/more", path.Value + "x"]);
        }
        var methods = new List<string> { "GET", "POST", "PUT" };
        methods.AddRange(matches.Select(m => m.Method).OfType<string>());
        var headers = Candidates(matches.SelectMany(m => m.Headers));
        var query = Candidates(matches.SelectMany(m => m.QueryParams));

        yield return new SimRequest("/", "GET", new Dictionary<string, string>(), new Dictionary<string, string>());
        for (var i = 0; i < count; i++)
        {
            yield return new SimRequest(
                paths[random.Next(paths.Count)],
                methods[random.Next(methods.Count)],
                Pick(headers, random),
                Pick(query, random));
        }
    }

    private static Dictionary<string, List<string>> Candidates(IEnumerable<HeaderMatch> conditions)
    {
        var candidates = new Dictionary<string, List<string>>();
        foreach (var condition in conditions)
        {
            if (!candidates.TryGetValue(condition.Name, out var values))
                candidates[condition.Name] = values = ["", "zzz", "42", "Mobile Safari", "en-GB"];
            var v = condition.Match.Value;
            values.AddRange(condition.Match.Kind switch
            {
                StringMatchKind.Exact => [v, v + "x", "x" + v],
                StringMatchKind.Prefix => [v, v + "rest", "no" + v],
                StringMatchKind.Suffix => [v, "front" + v, v + "tail"],
                StringMatchKind.Present => ["anything"],
                _ => ["a", "0", "acme-1", "x.eu"],
            });
        }
        return candidates;
    }

    private static Dictionary<string, string> Pick(Dictionary<string, List<string>> candidates, Random random)
    {
        var picked = new Dictionary<string, string>();
        foreach (var (name, values) in candidates)
        {
            if (random.Next(3) > 0) // sometimes the header is absent
                picked[name] = values[random.Next(values.Count)];
        }
        return picked;
    }
}
