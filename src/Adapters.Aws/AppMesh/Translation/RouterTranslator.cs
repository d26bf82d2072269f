using MeshFed.Adapters.Aws.AppMesh.Api;
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
        context.Resource(AppMeshNames.Router(service),
            new VirtualRouterSpec([.. service.Ports.Select(p => new VirtualRouterListener(new PortMapping(p.Port, AppMeshNames.Protocol(p.Protocol))))]),
            cr: context.CrHome(service));

    public static IEnumerable<AppMeshResource> Routes(AppMeshContext context, Service service)
    {
        var priority = 0;
        foreach (var port in service.Ports)
        {
            var routes = port.IsRequestAware
                ? [.. PinnedRoutes(context, service, port), .. ManifestRoutes(context, service, port)]
                : TcpRoutes(context, service, port).ToList();
            foreach (var (name, spec) in routes)
                yield return context.Resource(AppMeshNames.Route(service, name, port), spec with { Priority = priority++ }, AppMeshNames.Router(service));
        }
    }

    /// <summary>
    /// A route of the type of its listener's protocol: it "must match the listener protocol" (App Mesh routes
    /// guide). Its priority is set when the router's routes are numbered.
    /// </summary>
    private static RouteSpec Spec(ServiceProtocol protocol, HttpRoute route) => protocol == ServiceProtocol.Http2
        ? new RouteSpec(Priority: 0, Http2Route: route)
        : new RouteSpec(Priority: 0, HttpRoute: route);

    /// <summary>The router's match port: only when it has several listeners.</summary>
    private static int? MatchPort(Service service, ServicePort port) => service.Ports.Count > 1 ? port.Port : null;

    private static IEnumerable<(string Name, RouteSpec Spec)> ManifestRoutes(AppMeshContext context, Service service, ServicePort port)
    {
        foreach (var route in service.EffectiveRoutes)
        {
            var targetsRemote = context.TargetsRemote(service, route);
            var action = new RouteAction(WeightedTargets(context, service, route, port));
            var timeout = new HttpTimeout(Duration.Of(AppMeshContext.RouteTimeout(service, route)));
            if (port.Protocol != ServiceProtocol.Grpc)
            {
                var retry = RetryPolicyTranslator.Http(context, service, route, port.Protocol, targetsRemote);
                yield return (route.Name, Spec(port.Protocol, new HttpRoute(RouteMatchTranslator.Http(route.Match, MatchPort(service, port)), action, retry, timeout)));
                continue;
            }
            if (RouteMatchTranslator.Grpc(route.Match, MatchPort(service, port), out var refusal) is not { } match)
            {
                context.Warn(service, $"traffic.routes[{route.Name}]",
                    $"not rendered for grpc port {port.Port}: {refusal}; its requests fall through to the next route");
                continue;
            }
            var grpcRetry = RetryPolicyTranslator.Grpc(context, service, route, port.Protocol, targetsRemote);
            yield return (route.Name, new RouteSpec(Priority: 0, GrpcRoute: new GrpcRoute(match, action, grpcRetry, timeout)));
        }
    }

    // A request the gateway brings from another site carries the version the caller's side chose
    // (x-meshfed-version): these routes, ahead of the manifest's, deliver exactly that version instead of
    // splitting it again (which could send it back across sites). Their timeout is the longest the service
    // declares: the sending gateway bounds the whole path with the route's own.
    private static IEnumerable<(string Name, RouteSpec Spec)> PinnedRoutes(AppMeshContext context, Service service, ServicePort port)
    {
        if (!context.ServedToOtherSites(service))
            yield break;
        var matchPort = MatchPort(service, port);
        foreach (var version in context.LocalDeployments(service).Select(d => d.Version).Distinct())
        {
            HttpRouteHeader[] pin = [RouteMatchTranslator.Exact(DataPath.VersionHeader, version)];
            var action = new RouteAction([new WeightedTarget(AppMeshNames.Node(service, version), 100, matchPort)]);
            var timeout = new HttpTimeout(Duration.Of(AppMeshContext.ListenerTimeout(service)));
            var spec = port.Protocol == ServiceProtocol.Grpc
                ? new RouteSpec(Priority: 0, GrpcRoute: new GrpcRoute(new GrpcRouteMatch(Metadata: pin, Port: matchPort), action, null, timeout))
                : Spec(port.Protocol, new HttpRoute(new HttpRouteMatch(Prefix: "/", Headers: pin, Port: matchPort), action, null, timeout));
            yield return ($"meshfed-pinned-{version}", spec);
        }
    }

    /// <summary>
    /// The route's targets on one listener. With several router listeners each target names the listener
    /// port it is reached on (App Mesh guide, "Multiple listeners": "specify a match and a target port"):
    /// the service port on a local node, the gateway's port on the remote node.
    /// </summary>
    private static IReadOnlyList<WeightedTarget> WeightedTargets(AppMeshContext context, Service service, Route route, ServicePort port)
    {
        var weights = new List<(string Node, int Weight, int TargetPort)>();
        foreach (var target in route.To)
        {
            var resolved = context.View.Resolve(service, target);
            var (node, targetPort) = resolved.IsRemote
                ? (AppMeshNames.RemoteNode(service, port), DataPath.LocalListenerPort)
                : (AppMeshNames.Node(service, resolved.Version), port.Port);
            var existing = weights.FindIndex(w => w.Node == node);
            if (existing >= 0)
                weights[existing] = (node, weights[existing].Weight + resolved.Weight, targetPort);
            else
                weights.Add((node, resolved.Weight, targetPort));
        }
        var multiPort = MatchPort(service, port) is not null;
        return [.. weights.Select(w => new WeightedTarget(w.Node, w.Weight, multiPort ? w.TargetPort : null))];
    }

    /// <summary>
    /// TCP carries no request the gateway could route, and the gateway has no TCP pass-through yet: shares for
    /// other sites are not rendered (said as a diagnostic) and local versions take the route whole, in
    /// proportion to their weights. Routes with no version here are left out.
    /// </summary>
    private static IEnumerable<(string Name, RouteSpec Spec)> TcpRoutes(AppMeshContext context, Service service, ServicePort port)
    {
        foreach (var route in service.EffectiveRoutes)
        {
            var local = new List<(string Node, int Weight)>();
            foreach (var target in route.To)
            {
                var resolved = context.View.Resolve(service, target);
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
            var matchPort = MatchPort(service, port);
            var action = new RouteAction([.. local.Select((l, i) => new WeightedTarget(l.Node, weights[i], matchPort))]);
            yield return (route.Name, new RouteSpec(Priority: 0, TcpRoute: new TcpRoute(action, matchPort is { } p ? new TcpRouteMatch(p) : null)));
        }
    }
}
