using System.Text.Json;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Hops 1 and 2 on an App Mesh caller site: the app resolves the virtual service's name, its Envoy routes
/// through the virtual router's route to a virtual node: the callee's, or the remote node that stands for
/// the gateway. Reads the rendered App Mesh Create inputs.
/// </summary>
internal static class AppMeshCallerHops
{
    private static readonly string[] s_routeTypes = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"];

    // Route timeouts default to 15 s on every listener they pass (App Mesh API reference, HttpTimeout /
    // GrpcTimeout perRequest: "The default value is 15 seconds. If you set a higher timeout, then make sure
    // that the higher value is set for each App Mesh resource in a conversation").
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(15);

    public static bool Walk(AnalysisContext context, PathSpec path, PathTrace trace)
    {
        var site = context.Rendering.Of(path.Caller.Name);
        var caller = path.Caller.Name;
        var service = path.Service;
        var virtualService = site.Named(AppMeshKinds.VirtualService, service.Host);
        if (virtualService is null)
            return trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, Hop.CallerMesh, caller, service, service, null,
                $"no App Mesh virtual service {service.Host} is rendered", "Render again; every visible service needs a virtual service."));
        // The app must resolve the virtual service's name before Envoy sees the request (App Mesh user guide,
        // "Troubleshooting App Mesh connectivity", "Unable to resolve DNS name for a virtual service").
        if (!service.Deployments.Any(d => d.Site == caller))
        {
            // The rendered placeholder is a Kubernetes Service: a name in the cluster's DNS (EKS). An ECS task
            // resolves through the VPC's resolver, where only a Route 53 private record (or Cloud Map) gives the
            // name; the render asks for one, and nothing rendered shows whether it exists.
            var onEcs = context.Deployments[caller].Platform == GatewayPlatform.Ecs;
            if (onEcs)
                trace.Warn(context.Finding(AnalysisCodes.NameUnresolved, Hop.CallerMesh, caller, service, service, virtualService,
                    $"{service.Host} runs on no workload here; on ECS only a Route 53 private record (or a Cloud Map name) for it lets the app's lookup succeed before App Mesh's Envoy sees the request, and nothing rendered creates one",
                    $"Create a Route 53 private hosted zone record for {service.Host} in {caller}'s VPC (any address: Envoy intercepts the connection), as the render says.",
                    Severity.Warning));
            else if (!site.OfKind("Service").Any(d => d.Name == service.Name && d.Namespace == service.Namespace))
                return trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, Hop.CallerMesh, caller, service, service, virtualService,
                    $"{service.Host} runs on no workload here and nothing creates a DNS record for it, so the app's lookup fails before App Mesh's Envoy sees the request",
                    "Render a selectorless placeholder Service (or a Route 53 private record) for every virtual service that has no local workload."));
        }
        var routerName = virtualService.Spec.Str("provider", "virtualRouter", "virtualRouterName");
        var router = routerName is null ? null : site.Named(AppMeshKinds.VirtualRouter, routerName);
        if (router is null)
            return trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, Hop.CallerMesh, caller, service, service, virtualService,
                $"the virtual service's provider router '{routerName}' is not rendered", "Render the virtual router."));
        var listeners = router.Spec.Items("listeners");
        var listener = listeners.FirstOrNull(l => l.Int("portMapping", "port") == path.Port.Port);
        if (listener is null)
            return trace.Stop(context.Finding(AnalysisCodes.PortMissing, Hop.CallerMesh, caller, service, path.Port, router,
                $"the virtual router has no listener on port {path.Port.Port}", "Render one router listener per request-aware port."));
        var protocol = listener.Str("portMapping", "protocol") ?? "http";
        var routes = site.OfKind(AppMeshKinds.Route).Where(r => r.Body.Is(routerName, "virtualRouterName") &&
            (r.Name == path.Route.Name || r.Name.StartsWith(path.Route.Name + "-", StringComparison.Ordinal))).ToList();
        var route = routes.FirstOrDefault(r => RouteSpec(r) is var (_, spec) && spec.Int("match", "port") == path.Port.Port)
            ?? routes.FirstOrDefault(r => RouteSpec(r) is var (_, spec) && spec.Int("match", "port") is null);
        if (route is null)
            return trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, Hop.CallerMesh, caller, service, path.Route, router,
                $"route '{path.Route.Name}' is not rendered for port {path.Port.Port}", "Render again; the route disappeared."));
        var (type, routeSpec) = RouteSpec(route);
        // "Route must define a port match criteria if the Virtual Router has multiple listeners"
        // (aws/aws-app-mesh-controller-for-k8s#715; App Mesh user guide, Routes: "If your virtual router has
        // multiple listeners, you must specify the MatchPort").
        if (listeners.Count > 1 && routeSpec.Int("match", "port") is null)
            return trace.Stop(context.Finding(AnalysisCodes.AppMeshPortMatch, Hop.CallerMesh, caller, service, path.Port, route,
                $"the router has {listeners.Count} listeners and the route has no match.port, so CreateRoute is rejected (\"Route must define a port match criteria if the Virtual Router has multiple listeners\")",
                "Render one route per listener with match.port and weightedTargets[].port, of the listener's protocol."));
        var expected = protocol switch { "http2" => "http2Route", "grpc" => "grpcRoute", "tcp" => "tcpRoute", _ => "httpRoute" };
        if (type != expected)
            return trace.Stop(MixedProtocols(context, path, route, $"the route is an {type} on a router listener of protocol {protocol}"));
        trace.Step($"router {routerName}:{path.Port.Port} ({protocol}) route {route.Name}");
        var targets = routeSpec.Items("action", "weightedTargets");
        var target = targets.FirstOrNull(t => IsTargetOf(context, site, path, t.Str("virtualNode")));
        if (target is null)
            return trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, Hop.CallerMesh, caller, service, path.Target, route,
                $"route '{route.Name}' has no weighted target for {(path.IsRemote ? "the gateway (remote " + path.Target.Version + ")" : "the local " + path.Target.Version)}",
                "Render again; the share disappeared."));
        var node = site.Named(AppMeshKinds.VirtualNode, target.Str("virtualNode") ?? "")!;
        var nodeListener = node.Spec.Items("listeners").FirstOrNull(l => target.Int("port") is not { } p || l.Int("portMapping", "port") == p);
        var nodeProtocol = nodeListener.Str("portMapping", "protocol") ?? "http";
        if (nodeProtocol != protocol)
            return trace.Stop(MixedProtocols(context, path, node, $"the router listener is {protocol}, the route {type}, and the target virtual node {node.Name} listens {nodeProtocol}"));
        Timeout(context, path, trace, route, routeSpec, node, nodeListener, nodeProtocol);
        trace.Step($"virtual node {node.Name}");
        if (!path.IsRemote)
            return AppMeshSanChecks.Local(context, path, trace, site, node, nodeListener);
        CrossSiteDefaults.AppMeshRoute(context, path, trace, caller, Hop.CallerMesh, route, routeSpec);
        LayeredRetries(context, path, trace, route, routeSpec);
        return GatewayReachable(context, path, trace, node);
    }

    private static (string Type, JsonElement? Spec) RouteSpec(RenderedDocument route)
    {
        var type = s_routeTypes.FirstOrDefault(t => route.Spec.At(t) is not null) ?? "httpRoute";
        return (type, route.Spec.At(type));
    }

    // App Mesh user guide, Routes: the route type "must match the listener protocol that you selected for your
    // virtual router and the virtual node that you're routing traffic to".
    private static AnalysisFinding MixedProtocols(AnalysisContext context, PathSpec path, RenderedDocument document, string what) =>
        context.Finding(AnalysisCodes.AppMeshProtocolMismatch, Hop.CallerMesh, path.Caller.Name, path.Service, path.Port, document,
            $"{what}: App Mesh requires one protocol for router listener, route and target node listener",
            "Render one protocol end to end: http2 (router, nodes, http2Route) or grpc (grpcRoute with grpcRetryEvents).");

    // The remote node is the one whose discovery is the gateway; a local node is the version's.
    private static bool IsTargetOf(AnalysisContext context, RenderedSite site, PathSpec path, string? nodeName)
    {
        if (site.Named(AppMeshKinds.VirtualNode, nodeName ?? "") is not { } node)
            return false;
        var discoversGateway = DiscoversGateway(node);
        return path.IsRemote ? discoversGateway : !discoversGateway && node.Name.EndsWith("-" + path.Target.Version, StringComparison.Ordinal);
    }

    private static bool DiscoversGateway(RenderedDocument node) =>
        node.Spec.Str("serviceDiscovery", "dns", "hostname") is { } host && host.StartsWith(DataPath.GatewayService + ".", StringComparison.Ordinal) ||
        node.Spec.Is(DataPath.GatewayService, "serviceDiscovery", "awsCloudMap", "serviceName");

    private static void Timeout(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument route, JsonElement? routeSpec,
        RenderedDocument node, JsonElement? nodeListener, string nodeProtocol)
    {
        var routeTimeout = Duration(routeSpec.At("timeout", "perRequest"));
        var listenerTimeout = Duration(nodeListener.At("timeout", nodeProtocol, "perRequest")) ?? s_defaultTimeout;
        if (routeTimeout is { } t && t > listenerTimeout)
            trace.Warn(context.Finding(AnalysisCodes.TimeoutCut, Hop.CallerMesh, path.Caller.Name, path.Service, path.Route, node,
                $"route '{route.Name}' allows {t.TotalSeconds:0.###} s, but virtual node {node.Name}'s listener keeps App Mesh's {listenerTimeout.TotalSeconds:0.###} s per-request timeout, so requests are cut at {listenerTimeout.TotalSeconds:0.###} s",
                $"Render listeners[].timeout.{nodeProtocol}.perRequest on every node the route targets, at least the route's timeout.", Severity.Warning));
    }

    private static TimeSpan? Duration(JsonElement? duration) => duration.Int("value") is not { } value ? null : duration.Str("unit") switch
    {
        "ms" => TimeSpan.FromMilliseconds(value),
        _ => TimeSpan.FromSeconds(value),
    };

    private static void LayeredRetries(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument route, JsonElement? routeSpec)
    {
        var retries = routeSpec.Int("retryPolicy", "maxRetries") ?? 0;
        var events = routeSpec.Strings("retryPolicy", "httpRetryEvents").Concat(routeSpec.Strings("retryPolicy", "grpcRetryEvents")).ToList();
        if (retries <= 0 || events.Count == 0 || path.GatewayRetries is not { Attempts: > 0 } gateway)
            return;
        trace.Warn(context.Finding(AnalysisCodes.LayeredRetries, Hop.CallerMesh, path.Caller.Name, path.Service, path.Route, route,
            $"route '{route.Name}' retries the gateway ({retries} × on {string.Join(",", events)}) and the gateway retries the whole path again ({gateway.Attempts}×): up to {(retries + 1) * (gateway.Attempts + 1)} attempts per request",
            "Render no retry events (at most tcpRetryEvents connection-error) on routes to the remote node; the gateway owns retries.", Severity.Warning));
    }

    // The remote node's discovery must name what the aws-gateway module creates for the gateway.
    private static bool GatewayReachable(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument node)
    {
        var caller = path.Caller.Name;
        if (!context.Deployments.TryGetValue(caller, out var deployment))
            return trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, Hop.Destination, caller, path.Service, path.Caller, node,
                "the remote node stands for a gateway the site does not have", "Give the site a gateway."));
        var dns = node.Spec.Str("serviceDiscovery", "dns", "hostname");
        var cloudMap = node.Spec.Str("serviceDiscovery", "awsCloudMap", "namespaceName") is { } ns
            ? $"{ns}/{node.Spec.Str("serviceDiscovery", "awsCloudMap", "serviceName")}" : null;
        var resolves = dns is not null ? deployment.LocalNames.Contains(dns) : cloudMap is not null && deployment.CloudMapNames.Contains(cloudMap);
        if (!resolves)
            return trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, Hop.Destination, caller, path.Service, path.Caller, node,
                $"virtual node {node.Name} discovers the gateway as {(dns is not null ? "DNS " + dns : "Cloud Map " + cloudMap)}, which {deployment.Module} does not create (it creates {Describe(deployment)})",
                "On ECS register the gateway's ECS service in Cloud Map and discover it with awsCloudMap; on EKS discover the Service's DNS name."));
        if (context.BrokenGateways.TryGetValue(caller, out var broken))
            return trace.Stop(broken);
        trace.Step($"gateway {(dns ?? cloudMap)}");
        return true;
    }

    private static string Describe(GatewayDeployment deployment) =>
        deployment.LocalNames.Count + deployment.CloudMapNames.Count == 0
            ? "no name for the gateway"
            : string.Join(", ", deployment.LocalNames.Concat(deployment.CloudMapNames));
}
