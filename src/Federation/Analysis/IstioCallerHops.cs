using System.Text.Json;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Hops 1 and 2 on an Istio (or Cloud Service Mesh) caller site: the sidecar captures the request, the
/// VirtualService picks the destination, and the destination is either the callee (local) or the gateway's
/// local listener (remote). Reads the rendered VirtualService, DestinationRule and ServiceEntry objects.
/// </summary>
internal static class IstioCallerHops
{
    // Retry conditions that only fire before a request reached the gateway, so they cannot multiply what the
    // gateway's own retries do (Envoy retry_on: "connect-failure", "refused-stream").
    private static readonly HashSet<string> s_connectOnly = ["connect-failure", "refused-stream"];

    public static bool Walk(AnalysisContext context, PathSpec path, PathTrace trace)
    {
        var site = context.Rendering.Of(path.Caller.Name);
        var service = path.Service;
        var virtualService = site.IstioForHost("VirtualService", service.Host).FirstOrDefault();
        if (virtualService is null)
        {
            if (path.IsRemote)
                return trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, Hop.CallerMesh, path.Caller.Name, service, path.Target, null,
                    $"no VirtualService routes {service.Host}, so the sidecar never sends the {path.Target.Version} share to the gateway",
                    "Render the site again; the Istio renderer must emit a VirtualService for every service with a remote target."));
            trace.Step($"Service {service.Host}:{path.Port.Port}");
            return Local(context, path, trace, site, null);
        }
        if (virtualService.Spec.Items("http").Count == 0)
            return trace.Stop(EmptyVirtualService(context, virtualService, service));
        var route = RouteFor(virtualService, path.Route.Name, path.Port.Port);
        if (route is null)
            return trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, Hop.CallerMesh, path.Caller.Name, service, path.Route, virtualService,
                $"route '{path.Route.Name}' is not in the VirtualService", "Render again; every manifest route must become an http route."));
        trace.Step($"VirtualService {virtualService.Namespace}/{virtualService.Name} [{path.Route.Name}]");
        var destinations = route.Items("route");
        if (!path.IsRemote)
        {
            var local = destinations.FirstOrNull(d => d.Is(service.Host, "destination", "host") &&
                SubsetVersion(site, service, d.Str("destination", "subset")) is var v && (v is null || v == path.Target.Version));
            if (local is null)
                return trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, Hop.CallerMesh, path.Caller.Name, service, path.Target, virtualService,
                    $"route '{path.Route.Name}' has no destination for the local {path.Target.Version}", "Render again; the share disappeared."));
            return Local(context, path, trace, site, route);
        }
        var remote = destinations.FirstOrNull(d => !d.Is(service.Host, "destination", "host") &&
            d.Is(path.Target.Version, "headers", "request", "set", DataPath.VersionHeader) &&
            (path.Target.Site is null || d.Is(path.Target.Site, "headers", "request", "set", DataPath.SiteHeader)));
        if (remote is null)
            return trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, Hop.CallerMesh, path.Caller.Name, service, path.Target, virtualService,
                $"route '{path.Route.Name}' has no destination that sends {path.Target.Version} to the gateway (with {DataPath.VersionHeader}: {path.Target.Version})",
                "Render again; the remote share disappeared."));
        IstioPathWarnings.RemoteOnlyName(context, path, trace, site);
        PortCarried.Istio(context, path, trace, virtualService, remote);
        CrossSiteDefaults.IstioRoute(context, path, trace, path.Caller.Name, Hop.CallerMesh, virtualService, route);
        return ToGateway(context, path, trace, site, virtualService, route, remote);
    }

    // A manifest route becomes one http route, or one per port of a multi-port service (named <route>-<port>,
    // matched on `port`: Istio VirtualService reference, HTTPMatchRequest.port "Specifies the ports on the host
    // that is being addressed"). A route whose matches name another port never sees this port's requests.
    private static JsonElement? RouteFor(RenderedDocument virtualService, string routeName, int port) =>
        virtualService.Spec.Items("http").FirstOrNull(r =>
            (r.Is(routeName, "name") || r.Is($"{routeName}-{port}", "name")) &&
            (r.Items("match").Count == 0 || r.Items("match").Any(m => m.Int("port") is null || m.Int("port") == port)));

    public static AnalysisFinding EmptyVirtualService(AnalysisContext context, RenderedDocument virtualService, Service? service) =>
        context.Finding(AnalysisCodes.EmptyVirtualService, Hop.CallerMesh, virtualService.Site, service, service, virtualService,
            "the VirtualService has hosts but no http, tcp or tls route; Istio's validation rejects it (\"http, tcp or tls must be provided in virtual service\"), so `kubectl apply -k` fails for the whole site",
            "Render no VirtualService (and no ServiceEntry) for a remote service without a request-aware port, and say so at render time.");

    // The subset's version label in the host's DestinationRule (a subset name is only a name).
    private static string? SubsetVersion(RenderedSite site, Service service, string? subset)
    {
        if (subset is null)
            return null;
        var rule = site.IstioForHost("DestinationRule", service.Host).FirstOrDefault();
        return rule?.Spec.Items("subsets").FirstOrNull(s => s.Is(subset, "name")).Str("labels", "version") ?? subset;
    }

    private static bool Local(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, JsonElement? route)
    {
        var service = path.Service;
        var deployment = service.Deployments.FirstOrDefault(d => d.Site == path.Caller.Name && d.Version == path.Target.Version);
        if (deployment is null)
            return true;
        if (!CalleeTls(context, path, trace, site, deployment, Hop.Destination) ||
            !JwksChecks.Admits(context, path, trace, site, path.Caller, Hop.Callee))
            return false;
        trace.Step($"{service.Host}:{path.Port.Port} {path.Target.Version}");
        return true;
    }

    /// <summary>
    /// The callee's end of an Istio hop: workloads outside Kubernetes (static or DNS discovery) are not mesh
    /// workloads without istio-agent, so their name needs a ServiceEntry with the port, and they cannot
    /// terminate <c>ISTIO_MUTUAL</c> (istio.io DestinationRule reference, ClientTLSSettings.TLSmode
    /// ISTIO_MUTUAL: "the proxy uses Istio-provisioned certificates for mutual TLS"; a plain VM has none and
    /// answers TLS with a reset). Used by callers on the site and by the site's gateway on hop 3.
    /// </summary>
    public static bool CalleeTls(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, Deployment deployment, Hop hop)
    {
        var service = path.Service;
        if (deployment.Discovery is not (StaticDiscovery or DnsDiscovery))
            return true;
        var entry = site.IstioForHost("ServiceEntry", service.Host).FirstOrDefault();
        if (entry is null)
            return trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, hop, site.Site, service, deployment, null,
                $"{service.Host} runs outside Kubernetes ({DiscoveryName(deployment)}) and no ServiceEntry declares it, so the name resolves nowhere in the mesh",
                "Render a ServiceEntry with the deployment's endpoints."));
        if (!entry.Spec.Items("ports").Any(p => p.Int("number") == path.Port.Port))
            return trace.Stop(context.Finding(AnalysisCodes.PortMissing, hop, site.Site, service, path.Port, entry,
                $"the ServiceEntry has no port {path.Port.Port}", "Render every request-aware port into the ServiceEntry."));
        var rule = site.IstioForHost("DestinationRule", service.Host).FirstOrDefault();
        var subset = rule?.Spec.Items("subsets").FirstOrNull(s => s.Is(deployment.Version, "labels", "version"));
        var mode = subset.Str("trafficPolicy", "tls", "mode") ?? rule?.Spec.Str("trafficPolicy", "tls", "mode");
        if (mode == "ISTIO_MUTUAL")
            return trace.Stop(context.Finding(AnalysisCodes.MutualIntoPlain, hop, site.Site, service, deployment, rule,
                $"the DestinationRule originates ISTIO_MUTUAL to {path.Target.Version}, whose endpoints run outside Kubernetes ({DiscoveryName(deployment)}) with no sidecar to terminate it: every connection is reset (503)",
                "Use tls.mode DISABLE for plain endpoints (and warn that mtls: strict cannot be enforced there), or enrol the VMs with istio-agent through WorkloadEntry/WorkloadGroup."));
        return true;
    }

    private static string DiscoveryName(Deployment deployment) => deployment.Discovery switch
    {
        StaticDiscovery => "static endpoints",
        DnsDiscovery d => $"DNS {d.Hostname}",
        _ => "Kubernetes",
    };

    private static bool ToGateway(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, RenderedDocument virtualService, JsonElement? route, JsonElement? destination)
    {
        var service = path.Service;
        var caller = path.Caller.Name;
        var host = destination.Str("destination", "host") ?? "";
        var port = (int?)destination.Int("destination", "port", "number") ?? path.Port.Port;
        if (!context.Deployments.TryGetValue(caller, out var deployment))
            return trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, Hop.Destination, caller, service, path.Caller, virtualService,
                $"the route sends to {host}, but the site has no gateway", "Give the site a gateway."));
        if (!deployment.LocalNames.Contains(host))
        {
            return trace.Stop(deployment.MeshSidecar
                ? context.Finding(AnalysisCodes.NameUnresolved, Hop.Destination, caller, service, path.Caller, virtualService,
                    $"the route sends to {host}:{port}, a name {deployment.Module} does not create", "Render the gateway host the deployment creates.")
                : context.Finding(AnalysisCodes.GatewayNotMeshWorkload, Hop.Destination, caller, service, path.Caller, virtualService,
                    $"the route sends to {host}:{port}, but gateway.platform {Model.WireNames<GatewayPlatform>.Of(deployment.Platform)} runs the gateway outside Kubernetes ({deployment.Module}): no such Service, no WorkloadEntry, no mesh identity, so the destination has no endpoints (istioctl analyze IST0101)",
                    "Run the gateway as a mesh workload in the site's cluster (gateway.platform: gke, eks or kubernetes), or render a selectorless Service with a WorkloadEntry and istio-agent on the host."));
        }
        if (context.BrokenGateways.TryGetValue(caller, out var broken))
            return trace.Stop(broken);
        var servicePort = deployment.ServicePorts.FirstOrDefault(p => p.Number == port);
        if (servicePort is null)
            return trace.Stop(context.Finding(AnalysisCodes.PortMissing, Hop.Destination, caller, service, path.Caller, virtualService,
                $"the route sends to {host}:{port}, and the gateway Service has no port {port} (it has {string.Join(", ", deployment.ServicePorts.Select(p => $"{p.Name} {p.Number}"))})",
                "Send to the gateway's local port."));
        if (path.Port.IsHttp2 && servicePort.IstioProtocol == "HTTP/1.1" && !KeepsClientProtocol(site, host))
            return trace.Stop(context.Finding(AnalysisCodes.ProtocolDowngrade, Hop.Destination, caller, service, path.Port, virtualService,
                $"{Model.WireNames<ServiceProtocol>.Of(path.Port.Protocol)} on port {path.Port.Port} goes to the gateway's port {servicePort.Name} ({port}), which Istio treats as HTTP/1.1 (the Service port name's prefix 'http'); Envoy's HTTP/1 codec drops the trailers, so grpc-status is lost",
                $"Name the gateway Service port 'http2-local' (or appProtocol kubernetes.io/h2c), or render a DestinationRule for {host} with connectionPool.http.useClientProtocol: true.",
                resource: $"Service {DataPath.GatewayNamespace}/{DataPath.GatewayService} port {servicePort.Name}"));
        trace.Step($"{host}:{port} ({servicePort.Name})");
        LayeredRetries(context, path, trace, virtualService, route);
        return true;
    }

    // The sending gateway owns retries for the whole path (docs/gateway.md): a mesh route that retries the
    // gateway too multiplies attempts (Istio HTTPRetry: attempts × the gateway's attempts) and its perTryTimeout
    // cuts attempts the gateway is still retrying.
    private static void LayeredRetries(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument virtualService, JsonElement? route)
    {
        var attempts = route.Int("retries", "attempts") ?? 0;
        var on = (route.Str("retries", "retryOn") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (attempts <= 0 || on.All(s_connectOnly.Contains) || path.GatewayRetries is not { Attempts: > 0 } gateway)
            return;
        trace.Warn(context.Finding(AnalysisCodes.LayeredRetries, Hop.Destination, path.Caller.Name, path.Service, path.Route, virtualService,
            $"route '{path.Route.Name}' retries the gateway ({attempts} × on {string.Join(",", on)}) and the gateway retries the whole path again ({gateway.Attempts}×): up to {(attempts + 1) * (gateway.Attempts + 1)} attempts per request",
            "Render no retries (or only connect-failure) on destinations that are the gateway; keep the route timeout.", Severity.Warning));
    }

    // Istio keeps the caller's HTTP version towards a host when its DestinationRule says
    // connectionPool.http.useClientProtocol, or upgrades with h2UpgradePolicy: UPGRADE (DestinationRule
    // reference, ConnectionPoolSettings.HTTPSettings).
    private static bool KeepsClientProtocol(RenderedSite site, string host) =>
        site.IstioForHost("DestinationRule", host).Any(rule =>
            rule.Spec.Is("true", "trafficPolicy", "connectionPool", "http", "useClientProtocol") ||
            rule.Spec.Is("UPGRADE", "trafficPolicy", "connectionPool", "http", "h2UpgradePolicy"));
}
