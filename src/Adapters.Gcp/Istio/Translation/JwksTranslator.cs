using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// On managed Cloud Service Mesh the workload's Envoy fetches each JWKS itself; the control plane does not
/// ("Configure JWT authentication with remote JWKS", cloud.google.com/service-mesh/docs/security/configuring-remote-jwks-request-authentication:
/// "the data plane (Envoy proxies) is responsible for fetching the JWKS keys directly from the jwksUri").
/// The JWKS host must therefore be a known service of the mesh: a MESH_EXTERNAL ServiceEntry (DNS) and a
/// DestinationRule that originates TLS (mode SIMPLE), the method that page calls required with the managed
/// control plane. Without them RequestAuthentication fails closed (401 for every token).
/// </summary>
internal static class JwksTranslator
{
    public static IEnumerable<KubernetesObject> Translate(IstioContext context, IEnumerable<Service> servicesWithJwtHere)
    {
        if (context.Profile != IstioProfile.CloudServiceMesh)
            yield break;
        var endpoints = servicesWithJwtHere
            .Select(s => Uri.TryCreate(s.Security.Jwt!.JwksUri, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Select(u => (Host: u.IdnHost, u.Port))
            .Distinct()
            .OrderBy(e => e.Host, StringComparer.Ordinal).ThenBy(e => e.Port);
        foreach (var (host, port) in endpoints)
        {
            var name = IstioNames.ResourceName("jwks", host, port);
            yield return context.Resource(IstioNames.NetworkingApi, "ServiceEntry", name, DataPath.GatewayNamespace, new JsonObject
            {
                ["hosts"] = new JsonArray(host),
                ["location"] = "MESH_EXTERNAL",
                ["ports"] = new JsonArray(new JsonObject { ["number"] = port, ["name"] = $"https-{port}", ["protocol"] = "HTTPS" }),
                ["resolution"] = "DNS",
            });
            yield return context.Resource(IstioNames.NetworkingApi, "DestinationRule", name, DataPath.GatewayNamespace, new JsonObject
            {
                ["host"] = host,
                ["trafficPolicy"] = new JsonObject
                {
                    ["tls"] = new JsonObject { ["mode"] = "SIMPLE", ["sni"] = host },
                },
            });
        }
    }
}
