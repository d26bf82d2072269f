using System.Globalization;
using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A service's routes as one VirtualService: ordered http routes with matches, weighted destinations,
/// timeout and retries. Shares that go to another site are sent to the meshfed gateway with the version
/// (and the site, when the route pins one, and the service port) set as request headers, so the gateway
/// applies exactly that split on the port the caller meant.
/// </summary>
internal static class VirtualServiceTranslator
{
    /// <summary>
    /// The service's VirtualService; null when it would have no route at all (only tcp ports, and every tcp
    /// share goes to other sites): Istio's validation rejects a VirtualService without http, tcp or tls routes,
    /// and without one the host's default routing sends tcp traffic to the local endpoints.
    /// </summary>
    public static KubernetesObject? Translate(IstioContext context, Service service)
    {
        var spec = new JsonObject { ["hosts"] = new JsonArray(service.Host) };
        var requestPorts = service.Ports.Where(p => p.IsRequestAware).ToList();
        var tcpPorts = service.Ports.Where(p => !p.IsRequestAware).ToList();
        if (requestPorts.Count > 0)
            spec["http"] = new JsonArray([.. PinnedRoutes(context, service), .. service.EffectiveRoutes.SelectMany(r => HttpRoutes(context, service, r, requestPorts))]);
        if (tcpPorts.Count > 0 && TcpRoutes(context, service, tcpPorts) is { } tcp)
            spec["tcp"] = tcp;
        if (!spec.ContainsKey("http") && !spec.ContainsKey("tcp"))
            return null;
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
                // Cross-site retries were the sending gateway's; delivery here is not retried again.
                ["retries"] = new JsonObject { ["attempts"] = 0 },
            };
        }
    }

    /// <summary>
    /// One http route, or one per request-aware port when the route sends a share to the gateway and the service
    /// has several: the gateway's local listener is one port for all of them, so the port the caller used must
    /// travel as x-meshfed-port, and only a route matched on that port (HTTPMatchRequest.port) knows it.
    /// </summary>
    private static IEnumerable<JsonObject> HttpRoutes(IstioContext context, Service service, Route route, IReadOnlyList<ServicePort> requestPorts)
    {
        var targets = route.To.Select(t => context.View.Resolve(service, t)).ToList();
        if (requestPorts.Count == 1 || !targets.Any(t => t.IsRemote))
        {
            yield return HttpRoute(context, service, route, targets, route.Name, port: requestPorts.Count == 1 ? requestPorts[0] : null);
            yield break;
        }
        foreach (var port in requestPorts)
            yield return HttpRoute(context, service, route, targets, $"{route.Name}-{port.Port}", port, matchPort: true);
    }

    private static JsonObject HttpRoute(IstioContext context, Service service, Route route, IReadOnlyList<ResolvedTarget> targets, string name, ServicePort? port, bool matchPort = false)
    {
        var http = new JsonObject { ["name"] = name };
        var match = MatchTranslator.Translate(route.Match);
        if (matchPort)
        {
            match ??= [new JsonObject()];
            foreach (var request in match)
                request!["port"] = port!.Port;
        }
        if (match is not null)
            http["match"] = match;
        http["route"] = new JsonArray([.. targets.Select(t => HttpDestination(service, t, port))]);
        if ((route.Timeout ?? service.Traffic.Timeout) is { } timeout)
            http["timeout"] = IstioNames.Duration(timeout);
        http["retries"] = RetryTranslator.Translate(context, service, route.Retries ?? service.Traffic.Retries, hasRemote: targets.Any(t => t.IsRemote));
        return http;
    }

    private static JsonObject HttpDestination(Service service, ResolvedTarget destination, ServicePort? port)
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
        if (port is not null)
            pins[DataPath.PortHeader] = port.Port.ToString(CultureInfo.InvariantCulture);
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

    private static JsonArray? TcpRoutes(IstioContext context, Service service, IReadOnlyList<ServicePort> ports)
    {
        // TCP carries no headers: a remote share would reach the gateway without its site and version.
        if (!context.View.RunsHere(service))
            return null; // a remote-only service's tcp ports get no ServiceEntry port either (ServiceEntryTranslator says so)
        var route = service.EffectiveRoutes.Count > 0 ? service.EffectiveRoutes[^1] : null;
        var destinations = new JsonArray();
        foreach (var target in route?.To ?? [])
        {
            var destination = context.View.Resolve(service, target);
            if (destination.IsRemote)
            {
                context.Warn(service, "tcp routes",
                    $"the {destination.Weight}% share of tcp traffic (ports {string.Join(", ", ports.Select(p => p.Port))}) to version {destination.Version} on another site is not rendered: the meshfed gateway has no TCP pass-through yet; the local versions take all tcp traffic here");
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
