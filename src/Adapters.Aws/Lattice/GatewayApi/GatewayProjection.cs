using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Lattice.Translation;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Lattice.GatewayApi;

/// <summary>
/// The service network as the controller's GatewayClass and a Gateway. "Internally, a Gateway points to a VPC Lattice
/// service network ... identified by Gateway name" and an auto-created network has default settings, auth type NONE as
/// api/ sets it ("Gateway API Reference", github.com/aws/aws-application-networking-k8s docs/api-types/gateway.md).
/// </summary>
internal static class GatewayProjection
{
    public static KubernetesObject GatewayClass(LatticeContext context) =>
        GatewayApiProjection.Object(context, GatewayApiNames.GatewayApiVersion, "GatewayClass", GatewayApiNames.GatewayClass, @namespace: null,
            new JsonObject { ["controllerName"] = GatewayApiNames.ControllerName });

    /// <summary>One Gateway listener per distinct api/ listener (its name is the protocol and port, so equal names are equal listeners).</summary>
    public static KubernetesObject Gateway(LatticeContext context, IReadOnlyList<CreateListenerInput> listeners) =>
        GatewayApiProjection.Object(context, GatewayApiNames.GatewayApiVersion, "Gateway", context.ServiceNetworkName, GatewayApiNames.GatewayNamespace, new JsonObject
        {
            ["gatewayClassName"] = GatewayApiNames.GatewayClass,
            ["listeners"] = new JsonArray([.. listeners.OrderBy(l => l.Port).ThenBy(l => l.Name, StringComparer.Ordinal).Select(l => (JsonNode)Listener(l))]),
        });

    private static JsonObject Listener(CreateListenerInput listener)
    {
        var projected = new JsonObject
        {
            ["name"] = listener.Name,
            ["port"] = listener.Port,
            ["protocol"] = listener.Protocol == ListenerProtocol.Https ? "HTTPS" : "HTTP",
            // The routes live in the services' namespaces, the Gateway in meshfed's.
            ["allowedRoutes"] = new JsonObject { ["namespaces"] = new JsonObject { ["from"] = "All" } },
        };
        if (listener.Protocol == ListenerProtocol.Https)
        {
            // The controller takes the custom domains' ACM certificate as a listener option, not a certificateRef
            // ("Bring Your Own Certificate", docs/guides/https.md); the placeholder is the one api/ uses.
            projected["tls"] = new JsonObject
            {
                ["mode"] = "Terminate",
                ["options"] = new JsonObject { ["application-networking.k8s.aws/certificate-arn"] = LatticeRefs.CertificateArn },
            };
        }
        return projected;
    }
}
