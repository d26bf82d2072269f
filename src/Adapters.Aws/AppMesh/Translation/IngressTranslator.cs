using System.Text.Json.Nodes;
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
        var http2 = context.View.AppMeshIngressSpeaksHttp2;
        var spec = new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = new JsonObject { ["port"] = DataPath.AppMeshIngressPort, ["protocol"] = http2 ? "http2" : "http" },
            }),
            // The ingress presents the meshfed gateway's identity and accepts only the served services' own.
            ["backendDefaults"] = new JsonObject
            {
                ["clientPolicy"] = AppMeshTls.ClientPolicy(context, context.GatewaySpiffeId, served.Select(context.SpiffeId)),
            },
        };
        yield return context.Resource(AppMeshResourceKind.VirtualGateway, DataPath.AppMeshIngressGateway, spec,
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
            var match = new JsonObject
            {
                ["prefix"] = "/",
                ["hostname"] = new JsonObject { ["exact"] = service.Host },
            };
            var target = new JsonObject { ["virtualService"] = new JsonObject { ["virtualServiceName"] = AppMeshNames.VirtualService(service) } };
            if (service.Ports.Count > 1)
                target["port"] = port.Port;
            if (multiPort)
            {
                match["headers"] = new JsonArray(new JsonObject
                {
                    ["name"] = DataPath.PortHeader,
                    ["invert"] = false,
                    ["match"] = new JsonObject { ["exact"] = port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                });
            }
            var route = new JsonObject { ["match"] = match, ["action"] = new JsonObject { ["target"] = target } };
            var name = AppMeshNames.GatewayRoute(service, port);
            yield return context.Resource(AppMeshResourceKind.GatewayRoute, name, new JsonObject { [http2 ? "http2Route" : "httpRoute"] = route },
                router: DataPath.AppMeshIngressGateway, cr: (DataPath.GatewayNamespace, name));
        }
    }
}
