using System.Text.Json.Nodes;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// Traffic from other sites: the meshfed gateway hands it to a virtual gateway (<c>meshfed-ingress</c>), whose
/// gateway routes send each exported service's host to its virtual service. Only services that run here
/// and are served to other sites get a route, so nothing else is reachable across sites.
/// </summary>
internal static class IngressTranslator
{
    /// <summary>App Mesh's default quota of gateway routes per virtual gateway.</summary>
    private const int GatewayRoutesQuota = 10;

    public static IEnumerable<AppMeshResource> Translate(AppMeshContext context, IReadOnlyList<Service> served)
    {
        if (served.Count == 0)
            yield break;
        var http2 = served.Any(s => s.Ports.Any(p => p.IsHttp2));
        var spec = new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = new JsonObject { ["port"] = DataPath.AppMeshIngressPort, ["protocol"] = http2 ? "http2" : "http" },
            }),
        };
        if (served.Any(s => s.Security.Mtls == MtlsMode.Strict))
        {
            // Strict listeners take only mesh mTLS: the ingress presents the gateway's identity in the site's mesh.
            var identity = $"spiffe://{context.Options.MeshTrustDomain}/ns/{DataPath.GatewayNamespace}/sa/{DataPath.GatewayServiceAccount}";
            spec["backendDefaults"] = new JsonObject
            {
                ["clientPolicy"] = new JsonObject
                {
                    ["tls"] = new JsonObject
                    {
                        ["enforce"] = true,
                        ["certificate"] = new JsonObject { ["sds"] = new JsonObject { ["secretName"] = identity } },
                        ["validation"] = new JsonObject
                        {
                            ["trust"] = new JsonObject { ["sds"] = new JsonObject { ["secretName"] = $"spiffe://{context.Options.MeshTrustDomain}" } },
                        },
                    },
                },
            };
        }
        yield return context.Resource(AppMeshResourceKind.VirtualGateway, DataPath.AppMeshIngressGateway, spec,
            cr: (DataPath.GatewayNamespace, DataPath.AppMeshIngressGateway));
        if (served.Count > GatewayRoutesQuota)
        {
            context.Warn(served[GatewayRoutesQuota], "exportTo",
                $"{served.Count} services are served to other sites, more than App Mesh's default quota of {GatewayRoutesQuota} gateway routes per virtual gateway: raise the quota, or narrow exportTo");
        }
        foreach (var service in served)
        {
            var route = new JsonObject
            {
                ["match"] = new JsonObject
                {
                    ["prefix"] = "/",
                    ["hostname"] = new JsonObject { ["exact"] = service.Host },
                },
                ["action"] = new JsonObject
                {
                    ["target"] = new JsonObject { ["virtualService"] = new JsonObject { ["virtualServiceName"] = AppMeshNames.VirtualService(service) } },
                },
            };
            var kind = http2 ? "http2Route" : "httpRoute";
            yield return context.Resource(AppMeshResourceKind.GatewayRoute, AppMeshNames.Router(service), new JsonObject { [kind] = route },
                router: DataPath.AppMeshIngressGateway, cr: (DataPath.GatewayNamespace, AppMeshNames.Router(service)));
        }
    }
}
