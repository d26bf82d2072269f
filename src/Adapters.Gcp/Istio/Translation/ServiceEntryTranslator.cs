using System.Text.Json.Nodes;
using MeshFed.Adapters.Gcp.Kubernetes;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A service that runs only on other sites still needs a host in this mesh's registry so that its
/// VirtualService applies: a MESH_INTERNAL ServiceEntry whose only endpoint is the meshfed gateway.
/// </summary>
internal static class ServiceEntryTranslator
{
    public static KubernetesObject Translate(IstioContext context, Service service)
    {
        var ports = new JsonArray([.. service.Ports.Select(p => (JsonNode)new JsonObject
        {
            ["number"] = p.Port,
            ["protocol"] = IstioNames.Protocol(p.Protocol),
            ["name"] = IstioNames.PortName(p),
        })]);
        var endpointPorts = new JsonObject();
        foreach (var port in service.Ports)
            endpointPorts[IstioNames.PortName(port)] = DataPath.LocalListenerPort;
        var spec = new JsonObject
        {
            ["hosts"] = new JsonArray(service.Host),
            ["location"] = "MESH_INTERNAL",
            ["ports"] = ports,
            ["resolution"] = "DNS",
            ["endpoints"] = new JsonArray(new JsonObject { ["address"] = DataPath.GatewayHost, ["ports"] = endpointPorts }),
        };
        return context.Resource(IstioNames.NetworkingApi, "ServiceEntry", context.HostResourceName(service), DataPath.GatewayNamespace, spec);
    }
}
