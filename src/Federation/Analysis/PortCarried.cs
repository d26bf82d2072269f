using System.Globalization;
using System.Text.Json;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// The gateway's local listener is one port for every service port (docs/data-path.md, "What travels with a
/// request"), so for a service with several request-aware ports the port the caller used must travel with the
/// request: <c>x-meshfed-port</c>, set by the mesh route that knows it (the fidelity review of 2026-12-02, row
/// 27). Without it the gateway has only the Host's port; a Host without one made f6b0cea's gateway deliver to
/// the service's first HTTP port (the gateway on main refuses the request instead of guessing).
/// </summary>
internal static class PortCarried
{
    private static readonly string[] s_gatewayRouteTypes = ["httpRoute", "http2Route", "grpcRoute"];

    /// <summary>
    /// An Istio route destination that sends a multi-port service's share to the gateway: it must set the port
    /// (Istio VirtualService reference, HTTPRouteDestination.headers.request.set). App Mesh routes cannot set
    /// headers (API reference, HttpRouteAction has only weightedTargets), so there the Host is the only carrier
    /// and nothing in the rendering can be checked.
    /// </summary>
    public static void Istio(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument virtualService, JsonElement? destination)
    {
        var ports = path.Service.Ports.Where(p => p.IsRequestAware).ToList();
        if (ports.Count < 2)
            return;
        var expected = path.Port.Port.ToString(CultureInfo.InvariantCulture);
        var carried = destination.Str("headers", "request", "set", DataPath.PortHeader);
        if (carried == expected)
            return;
        var first = ports.FirstOrDefault(p => p.Protocol == ServiceProtocol.Http) ?? ports[0];
        trace.Warn(context.Finding(AnalysisCodes.PortNotCarried, Hop.Destination, path.Caller.Name, path.Service, path.Port, virtualService,
            carried is null
                ? $"route '{path.Route.Name}' sends the {path.Target.Version} share to the gateway without {DataPath.PortHeader}; the gateway's one local port serves all of {string.Join(", ", ports.Select(p => p.Port))}, so a request whose Host names no port is delivered to the first HTTP port ({first.Port}) or refused"
                : $"route '{path.Route.Name}' sends port {path.Port.Port}'s {path.Target.Version} share to the gateway with {DataPath.PortHeader}: {carried}, so the gateway delivers it to port {carried}",
            $"Render one http route per port (matched on port) whose gateway destinations set headers.request.set {DataPath.PortHeader}: <port>.",
            Severity.Warning));
    }

    /// <summary>
    /// Hop 3 on an App Mesh site: the gateway sends the port in <c>x-meshfed-port</c> (the Host carries none,
    /// since gateway routes match <c>hostname.exact</c>), so a multi-port service needs a gateway route per port
    /// matched on that header and targeting that port (App Mesh user guide, "Gateway routes": the target's port is
    /// required when the virtual service's provider has multiple listeners; API reference, HttpGatewayRouteMatch
    /// <c>headers</c>, GatewayRouteTarget <c>port</c>). Otherwise every port's requests take the same route.
    /// </summary>
    public static void AppMeshIngress(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, RenderedDocument vg)
    {
        if (path.Service.Ports.Count(p => p.IsRequestAware) < 2)
            return;
        var routes = site.OfKind(AppMeshKinds.GatewayRoute)
            .Select(r => (Route: r, Spec: s_gatewayRouteTypes.Select(t => r.Spec.At(t)).FirstOrDefault(s => s is not null)))
            .Where(r => r.Spec.Is(path.Service.Host, "match", "hostname", "exact")).ToList();
        if (routes.Count == 0)
            return;
        var port = path.Port.Port.ToString(CultureInfo.InvariantCulture);
        if (routes.Any(r => r.Spec.Items("match", "headers").Any(h => h.Is(DataPath.PortHeader, "name") && h.Is(port, "match", "exact"))))
            return;
        var first = routes[0];
        trace.Warn(context.Finding(AnalysisCodes.PortNotCarried, Hop.Ingress, path.Serving.Name, path.Service, path.Port, first.Route,
            $"no gateway route of virtual gateway {vg.Name} for {path.Service.Host} matches {DataPath.PortHeader}, so requests for every port of the service take gateway route '{first.Route.Name}' (target port {first.Spec.Str("action", "target", "port") ?? "none"}): the port the caller used is lost at hop 3",
            $"Render one gateway route per request-aware port, matching {DataPath.PortHeader}: <port> and targeting that port.",
            Severity.Warning));
    }
}
