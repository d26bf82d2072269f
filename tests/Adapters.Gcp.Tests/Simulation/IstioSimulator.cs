using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Tests.Simulation;

/// <summary>
/// Answers "where does this request go?" by reading only the rendered Istio resources of one site, the way
/// Envoy would: the VirtualService of the host, first matching http route, weighted destinations; a local
/// subset must exist in the host's DestinationRule; a destination at the meshfed gateway lands where its
/// pinning headers say. It knows nothing of the model.
/// </summary>
public sealed class IstioSimulator(string site, IReadOnlyList<KubernetesObject> resources)
{
    /// <summary>Shares by landing (fractions summing to 1), or null when no route matches (a 404).</summary>
    public IReadOnlyDictionary<Landing, double>? Route(string host, SimRequest request)
    {
        var service = resources.Where(r => r.Kind == "VirtualService")
            .SingleOrDefault(r => r.Spec["hosts"]!.AsArray().Any(h => (string?)h == host))
            ?? throw new InvalidOperationException($"no VirtualService for {host} on {site}");
        foreach (var http in service.Spec["http"]?.AsArray() ?? [])
        {
            var matches = http!["match"]?.AsArray();
            if (matches is not null && !matches.Any(m => Holds(m!.AsObject(), request)))
                continue;
            var shares = new Dictionary<Landing, double>();
            foreach (var destination in http["route"]!.AsArray())
            {
                var landing = Land(destination!.AsObject(), request);
                shares[landing] = shares.GetValueOrDefault(landing) + destination["weight"]!.GetValue<int>() / 100.0;
            }
            return shares;
        }
        return null;
    }

    private Landing Land(JsonObject destination, SimRequest request)
    {
        var target = destination["destination"]!.AsObject();
        var host = (string)target["host"]!;
        if (host == DataPath.GatewayHost)
        {
            Assert.Equal(DataPath.LocalListenerPort, target["port"]!["number"]!.GetValue<int>());
            var set = destination["headers"]!["request"]!["set"]!.AsObject();
            // The gateway listens on one port for every service port: the port the caller used travels as a header.
            if (request.Port is { } port && set[DataPath.PortHeader] is { } sent)
                Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)sent!);
            return new Landing((string?)set[DataPath.SiteHeader] ?? "*", (string)set[DataPath.VersionHeader]!);
        }
        var subset = (string)target["subset"]!;
        var rule = resources.Single(r => r.Kind == "DestinationRule" && (string)r.Spec["host"]! == host);
        var declared = rule.Spec["subsets"]!.AsArray().Single(s => (string)s!["name"]! == subset);
        Assert.Equal(subset, (string)declared!["labels"]!["version"]!); // the subset selects pods of that version
        return new Landing(site, subset);
    }

    private static bool Holds(JsonObject match, SimRequest request)
    {
        // Simulated callers are the site's workloads, never the meshfed gateway that source matches name.
        if (match.ContainsKey("sourceLabels") || match.ContainsKey("sourceNamespace"))
            return false;
        // HTTPMatchRequest.port: the route applies to requests sent to that service port only.
        if (match["port"] is { } matchPort && request.Port is { } port && matchPort.GetValue<int>() != port)
            return false;
        if (match["uri"] is JsonObject uri && !StringHolds(uri, request.Path))
            return false;
        if (match["method"] is JsonObject method && !StringHolds(method, request.Method))
            return false;
        foreach (var (name, condition) in match["headers"]?.AsObject() ?? [])
        {
            if (!request.Headers.TryGetValue(name, out var value) || !StringHolds(condition!.AsObject(), value))
                return false;
        }
        foreach (var (name, condition) in match["queryParams"]?.AsObject() ?? [])
        {
            if (!request.Query.TryGetValue(name, out var value) || !StringHolds(condition!.AsObject(), value))
                return false;
        }
        return true;
    }

    /// <summary>Istio StringMatch: exact, prefix, or an RE2 regex matched against the whole value.</summary>
    private static bool StringHolds(JsonObject condition, string value) => condition switch
    {
        _ when condition["exact"] is { } exact => value == (string)exact!,
        _ when condition["prefix"] is { } prefix => value.StartsWith((string)prefix!, StringComparison.Ordinal),
        _ when condition["regex"] is { } regex => Regex.IsMatch(value, $"^(?:{(string)regex!})$"),
        _ => throw new InvalidOperationException("empty StringMatch: " + condition.ToJsonString()),
    };
}
