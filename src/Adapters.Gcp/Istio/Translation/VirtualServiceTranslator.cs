using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A service's routes as one VirtualService: ordered http routes with matches, weighted destinations,
/// timeout and retries. Shares that go to another site are sent to the meshfed gateway with the version
/// (and the site, when the route pins one) set as request headers, so the gateway applies exactly that split.
/// </summary>
internal static class VirtualServiceTranslator
{
    public static KubernetesObject Translate(IstioContext context, Service service)
    {
        var spec = new JsonObject { ["hosts"] = new JsonArray(service.Host) };
        var requestPorts = service.Ports.Where(p => p.IsRequestAware).ToList();
        var tcpPorts = service.Ports.Where(p => !p.IsRequestAware).ToList();
        if (requestPorts.Count > 0)
            spec["http"] = new JsonArray([.. PinnedRoutes(context, service), .. service.EffectiveRoutes.Select(r => HttpRoute(context, service, r))]);
        if (tcpPorts.Count > 0 && TcpRoutes(context, service, tcpPorts) is { } tcp)
            spec["tcp"] = tcp;
        return context.Resource(IstioNames.NetworkingApi, "VirtualService", context.HostResourceName(service), context.HostNamespace(service), spec);
    }

    // Requests the gateway brings from another site already carry the version the caller's side chose
    // (x-meshfed-version): deliver exactly that version instead of splitting again. Only the gateway's own
    // workload may pin a version this way.
    private static IEnumerable<JsonObject> PinnedRoutes(IstioContext context, Service service)
    {
        if (!context.View.ServedToOtherSites(service))
            yield break;
        foreach (var version in context.View.LocalVersions(service))
        {
            yield return new JsonObject
            {
                ["name"] = $"meshfed-pinned-{version}",
                ["match"] = new JsonArray(new JsonObject
                {
                    ["headers"] = new JsonObject { [DataPath.VersionHeader] = new JsonObject { ["exact"] = version } },
                    ["sourceLabels"] = new JsonObject { ["app"] = DataPath.GatewayService },
                    ["sourceNamespace"] = DataPath.GatewayNamespace,
                }),
                ["route"] = new JsonArray(new JsonObject
                {
                    ["destination"] = new JsonObject { ["host"] = service.Host, ["subset"] = version },
                    ["weight"] = 100,
                }),
            };
        }
    }

    private static JsonObject HttpRoute(IstioContext context, Service service, Route route)
    {
        var http = new JsonObject { ["name"] = route.Name };
        if (MatchTranslator.Translate(route.Match) is { } match)
            http["match"] = match;
        http["route"] = new JsonArray([.. route.To.Select(t => HttpDestination(context, service, context.View.Resolve(service, t)))]);
        if ((route.Timeout ?? service.Traffic.Timeout) is { } timeout)
            http["timeout"] = IstioNames.Duration(timeout);
        if ((route.Retries ?? service.Traffic.Retries) is { } retries)
            http["retries"] = Retries(retries);
        return http;
    }

    private static JsonObject HttpDestination(IstioContext context, Service service, ResolvedTarget destination)
    {
        if (!destination.IsRemote)
        {
            return new JsonObject
            {
                ["destination"] = new JsonObject { ["host"] = service.Host, ["subset"] = destination.Version },
                ["weight"] = destination.Weight,
            };
        }
        var pins = new JsonObject();
        if (destination.RemoteSite is not null)
            pins[DataPath.SiteHeader] = destination.RemoteSite;
        pins[DataPath.VersionHeader] = destination.Version;
        return new JsonObject
        {
            ["destination"] = new JsonObject
            {
                ["host"] = DataPath.GatewayHost,
                ["port"] = new JsonObject { ["number"] = DataPath.LocalListenerPort },
            },
            ["weight"] = destination.Weight,
            ["headers"] = new JsonObject { ["request"] = new JsonObject { ["set"] = pins } },
        };
    }

    private static JsonObject Retries(RetryPolicy retries)
    {
        var json = new JsonObject { ["attempts"] = retries.Attempts };
        if (retries.Attempts == 0)
            return json;
        if (retries.PerTryTimeout is { } perTry)
            json["perTryTimeout"] = IstioNames.Duration(perTry);
        // Envoy's retry_on words are the model's words.
        json["retryOn"] = string.Join(",", retries.On.Select(WireNames<RetryCondition>.Of));
        return json;
    }

    private static JsonArray? TcpRoutes(IstioContext context, Service service, IReadOnlyList<ServicePort> ports)
    {
        // TCP carries no headers: a remote share would reach the gateway without its site and version.
        var route = service.EffectiveRoutes.Count > 0 ? service.EffectiveRoutes[^1] : null;
        var destinations = new JsonArray();
        foreach (var target in route?.To ?? [])
        {
            var destination = context.View.Resolve(service, target);
            if (destination.IsRemote)
            {
                context.Warn(service, "tcp routes",
                    $"the {destination.Weight}% share of tcp traffic to version {destination.Version} on another site is not rendered: the meshfed gateway has no TCP pass-through yet; only local versions take tcp traffic here");
                continue;
            }
            destinations.Add(new JsonObject
            {
                ["destination"] = new JsonObject { ["host"] = service.Host, ["subset"] = destination.Version },
                ["weight"] = destination.Weight,
            });
        }
        if (destinations.Count == 0)
            return null;
        // Istio requires 100: the dropped remote share goes to the local versions in proportion to their weights.
        var weights = WeightSplit.ToHundred([.. destinations.Select(d => d!["weight"]!.GetValue<int>())]);
        for (var i = 0; i < destinations.Count; i++)
            destinations[i]!["weight"] = weights[i];
        return [.. ports.Select(p => (JsonNode)new JsonObject
        {
            ["match"] = new JsonArray(new JsonObject { ["port"] = p.Port }),
            ["route"] = destinations.DeepClone(),
        })];
    }
}
