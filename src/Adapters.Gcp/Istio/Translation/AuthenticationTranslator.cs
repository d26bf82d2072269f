using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>Who a service's workloads accept at the transport (PeerAuthentication) and which end-user tokens (RequestAuthentication).</summary>
internal static class AuthenticationTranslator
{
    public static KubernetesObject PeerAuthentication(IstioContext context, Service service) =>
        context.Resource(IstioNames.SecurityApi, "PeerAuthentication", service.Name, service.Namespace, new JsonObject
        {
            ["selector"] = context.WorkloadSelector(service),
            ["mtls"] = new JsonObject { ["mode"] = service.Security.Mtls == MtlsMode.Strict ? "STRICT" : "PERMISSIVE" },
        });

    public static KubernetesObject RequestAuthentication(IstioContext context, Service service, JwtPolicy jwt)
    {
        var rule = new JsonObject { ["issuer"] = jwt.Issuer, ["jwksUri"] = jwt.JwksUri };
        if (jwt.Audiences.Count > 0)
            rule["audiences"] = new JsonArray([.. jwt.Audiences.Select(a => (JsonNode)a)]);
        // The token also travels on to other sites behind the gateway, where the callee's mesh checks it again.
        rule["forwardOriginalToken"] = true;
        return context.Resource(IstioNames.SecurityApi, "RequestAuthentication", service.Name, service.Namespace, new JsonObject
        {
            ["selector"] = context.WorkloadSelector(service),
            ["jwtRules"] = new JsonArray(rule),
        });
    }
}
