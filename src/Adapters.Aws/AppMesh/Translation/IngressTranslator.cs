using System.Globalization;
using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// Traffic from other sites: the meshfed gateway hands it to a virtual gateway (<c>meshfed-ingress</c>) in its
/// own ECS task or EKS pod, on 127.0.0.1:<see cref="DataPath.AppMeshIngressPort"/>, whose gateway routes send
/// each served service's host (and port) to its virtual service. Only services that run here and are served
/// to other sites get a route, so nothing else is reachable across sites.
/// </summary>
internal static class IngressTranslator
{
    /// <summary>App Mesh's default quota of gateway routes per virtual gateway.</summary>
    private const int GatewayRoutesQuota = 10;

    public static IEnumerable<AppMeshResource> Translate(AppMeshContext context, IReadOnlyList<Service> served)
    {
        if (served.Count == 0)
            yield break;
        // The listener's protocol is the site view's (the gateway reads the same, SiteView.AppMeshIngressSpeaksHttp2).
        // gRPC rides http2Routes here: a gateway route's type must match the listener's protocol (App Mesh guide,
        // "Gateway routes"), and the service's own router then applies its grpcRoutes.
        var http2 = context.Options.LatticeMigration ? Migration.MigrationIngress.SpeaksHttp2(context.View) : context.View.AppMeshIngressSpeaksHttp2;
        var spec = new VirtualGatewaySpec(
            [new VirtualGatewayListener(new PortMapping(DataPath.AppMeshIngressPort, http2 ? "http2" : "http"))],
            // The ingress presents the meshfed gateway's identity and accepts only the served services' own.
            new VirtualGatewayBackendDefaults(AppMeshTls.ClientPolicy(context, context.GatewaySpiffeId, served.Select(context.SpiffeId))));
        yield return context.Resource(DataPath.AppMeshIngressGateway, spec,
            cr: (DataPath.GatewayNamespace, DataPath.AppMeshIngressGateway));
        var routes = served.SelectMany(s => AppMeshContext.RequestPorts(s).Select(p => (Service: s, Port: p))).ToList();
        if (routes.Count > GatewayRoutesQuota)
        {
            context.Warn(routes[GatewayRoutesQuota].Service, "exportTo",
                $"{routes.Count} service ports are served to other sites, more than App Mesh's default quota of {GatewayRoutesQuota} gateway routes per virtual gateway: raise the quota, or narrow exportTo");
        }
        foreach (var (service, port) in routes)
        {
            var multiPort = AppMeshContext.RequestPorts(service).Count > 1;
            // The meshfed gateway sends Host <name>.<ns>.svc.cluster.local without a port and the port in
            // x-meshfed-port; a virtual service whose router has several listeners needs the target port
            // ("Virtual service provider port is required when the provider ... has multiple listeners",
            // App Mesh guide, "Gateway routes").
            var match = new HttpGatewayRouteMatch("/", new GatewayRouteHostnameMatch(service.Host),
                multiPort ? [RouteMatchTranslator.Exact(DataPath.PortHeader, port.Port.ToString(CultureInfo.InvariantCulture))] : null);
            var target = new GatewayRouteTarget(new GatewayRouteVirtualService(AppMeshNames.VirtualService(service)), service.Ports.Count > 1 ? port.Port : null);
            var route = new HttpGatewayRoute(match, new HttpGatewayRouteAction(target));
            var name = AppMeshNames.GatewayRoute(service, port);
            yield return context.Resource(name, http2 ? new GatewayRouteSpec(Http2Route: route) : new GatewayRouteSpec(HttpRoute: route),
                router: DataPath.AppMeshIngressGateway, cr: (DataPath.GatewayNamespace, name));
        }
    }
}
