using System.Text.Json.Nodes;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// A service's virtual router and its routes: one route set per listener (port), each route of the type
/// of its listener's protocol (httpRoute, http2Route, grpcRoute, tcpRoute), in manifest order with rising
/// priorities (first match wins). Each route's split keeps every local version's weight exactly; the
/// shares that leave the site are summed onto the port's remote node, and the meshfed gateway splits that
/// share among the remote targets (App Mesh cannot set headers to pin them).
/// </summary>
internal static class RouterTranslator
{
    public static AppMeshResource Router(AppMeshContext context, Service service) =>
        context.Resource(AppMeshResourceKind.VirtualRouter, AppMeshNames.Router(service), new JsonObject
        {
            ["listeners"] = new JsonArray([.. service.Ports.Select(p => (JsonNode)new JsonObject
            {
                ["portMapping"] = new JsonObject { ["port"] = p.Port, ["protocol"] = AppMeshNames.Protocol(p.Protocol) },
            })]),
        }, cr: context.CrHome(service));

    public static IEnumerable<AppMeshResource> Routes(AppMeshContext context, Service service)
    {
        var priority = 0;
        foreach (var port in service.Ports)
        {
            var routes = port.IsRequestAware
                ? [.. PinnedRoutes(context, service, port), .. ManifestRoutes(context, service, port)]
                : TcpRoutes(context, service, port).ToList();
            foreach (var (name, body) in routes)
            {
                var spec = new JsonObject { ["priority"] = priority++, [RouteKind(port.Protocol)] = body };
                yield return context.Resource(AppMeshResourceKind.Route, AppMeshNames.Route(service, name, port), spec, AppMeshNames.Router(service));
            }
        }
    }

    /// <summary>The route type of a listener protocol: it "must match the listener protocol" (App Mesh routes guide).</summary>
    private static string RouteKind(ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Http => "httpRoute",
        ServiceProtocol.Http2 => "http2Route",
        ServiceProtocol.Grpc => "grpcRoute",
        _ => "tcpRoute",
    };

    /// <summary>The router's match port: only when it has several listeners.</summary>
    private static int? MatchPort(Service service, ServicePort port) => service.Ports.Count > 1 ? port.Port : null;

    private static IEnumerable<(string Name, JsonObject Body)> ManifestRoutes(AppMeshContext context, Service service, ServicePort port)
    {
        foreach (var route in service.EffectiveRoutes)
        {
            JsonObject match;
            if (port.Protocol == ServiceProtocol.Grpc)
            {
                if (RouteMatchTranslator.Grpc(route.Match, MatchPort(service, port), out var refusal) is not { } grpc)
                {
                    context.Warn(service, $"traffic.routes[{route.Name}]",
                        $"not rendered for grpc port {port.Port}: {refusal}; its requests fall through to the next route");
                    continue;
                }
                match = grpc;
            }
            else
            {
                match = RouteMatchTranslator.Http(route.Match, MatchPort(service, port));
            }
            var targetsRemote = context.TargetsRemote(service, route);
            var body = new JsonObject
            {
                ["match"] = match,
                ["action"] = new JsonObject { ["weightedTargets"] = WeightedTargets(context, service, route, port) },
            };
            if (RetryPolicyTranslator.Translate(context, service, route, port.Protocol, targetsRemote) is { } retry)
                body["retryPolicy"] = retry;
            body["timeout"] = new JsonObject { ["perRequest"] = AppMeshValues.Duration(AppMeshContext.RouteTimeout(service, route)) };
            yield return (route.Name, body);
        }
    }

    // A request the gateway brings from another site carries the version the caller's side chose
    // (x-meshfed-version): these routes, ahead of the manifest's, deliver exactly that version instead of
    // splitting it again (which could send it back across sites). Their timeout is the longest the service
    // declares: the sending gateway bounds the whole path with the route's own.
    private static IEnumerable<(string Name, JsonObject Body)> PinnedRoutes(AppMeshContext context, Service service, ServicePort port)
    {
        if (!context.ServedToOtherSites(service))
            yield break;
        foreach (var version in context.LocalDeployments(service).Select(d => d.Version).Distinct())
        {
            var pin = new JsonArray(new JsonObject
            {
                ["name"] = DataPath.VersionHeader,
                ["invert"] = false,
                ["match"] = new JsonObject { ["exact"] = version },
            });
            var match = port.Protocol == ServiceProtocol.Grpc
                ? new JsonObject { ["metadata"] = pin }
                : new JsonObject { ["prefix"] = "/", ["headers"] = pin };
            if (MatchPort(service, port) is { } matchPort)
                match["port"] = matchPort;
            var target = new JsonObject { ["virtualNode"] = AppMeshNames.Node(service, version), ["weight"] = 100 };
            if (MatchPort(service, port) is { } targetPort)
                target["port"] = targetPort;
            yield return ($"meshfed-pinned-{version}", new JsonObject
            {
                ["match"] = match,
                ["action"] = new JsonObject { ["weightedTargets"] = new JsonArray(target) },
                ["timeout"] = new JsonObject { ["perRequest"] = AppMeshValues.Duration(AppMeshContext.ListenerTimeout(service)) },
            });
        }
    }

    /// <summary>
    /// The route's targets on one listener. With several router listeners each target names the listener
    /// port it is reached on (App Mesh guide, "Multiple listeners": "specify a match and a target port"):
    /// the service port on a local node, the gateway's port on the remote node.
    /// </summary>
    private static JsonArray WeightedTargets(AppMeshContext context, Service service, Route route, ServicePort port)
    {
        var weights = new List<(string Node, int Weight, int TargetPort)>();
        foreach (var target in route.To)
        {
            var resolved = ResolvedTarget.From(service, target, context.Site.Name);
            var (node, targetPort) = resolved.IsRemote
                ? (AppMeshNames.RemoteNode(service, port), DataPath.LocalListenerPort)
                : (AppMeshNames.Node(service, resolved.Version), port.Port);
            var existing = weights.FindIndex(w => w.Node == node);
            if (existing >= 0)
                weights[existing] = (node, weights[existing].Weight + resolved.Weight, targetPort);
            else
                weights.Add((node, resolved.Weight, targetPort));
        }
        return new JsonArray([.. weights.Select(w =>
        {
            var json = new JsonObject { ["virtualNode"] = w.Node, ["weight"] = w.Weight };
            if (MatchPort(service, port) is not null)
                json["port"] = w.TargetPort;
            return (JsonNode)json;
        })]);
    }

    /// <summary>
    /// TCP carries no request the gateway could route, and the gateway has no TCP pass-through yet: shares for
    /// other sites are not rendered (said as a diagnostic) and local versions take the route whole, in
    /// proportion to their weights. Routes with no version here are left out.
    /// </summary>
    private static IEnumerable<(string Name, JsonObject Body)> TcpRoutes(AppMeshContext context, Service service, ServicePort port)
    {
        foreach (var route in service.EffectiveRoutes)
        {
            var local = new List<(string Node, int Weight)>();
            foreach (var target in route.To)
            {
                var resolved = ResolvedTarget.From(service, target, context.Site.Name);
                if (resolved.IsRemote)
                {
                    context.Warn(service, "tcp routes",
                        $"the {resolved.Weight}% share of tcp traffic to version {resolved.Version} on another site is not rendered: the meshfed gateway has no TCP pass-through yet; only local versions take tcp traffic here");
                    continue;
                }
                local.Add((AppMeshNames.Node(service, resolved.Version), resolved.Weight));
            }
            if (local.Count == 0)
                continue;
            var weights = WeightSplit.ToHundred([.. local.Select(l => l.Weight)]);
            var targets = new JsonArray([.. local.Select((l, i) =>
            {
                var json = new JsonObject { ["virtualNode"] = l.Node, ["weight"] = weights[i] };
                if (MatchPort(service, port) is { } targetPort)
                    json["port"] = targetPort;
                return (JsonNode)json;
            })]);
            var body = new JsonObject { ["action"] = new JsonObject { ["weightedTargets"] = targets } };
            if (MatchPort(service, port) is { } matchPort)
                body["match"] = new JsonObject { ["port"] = matchPort };
            yield return (route.Name, body);
        }
    }
}
