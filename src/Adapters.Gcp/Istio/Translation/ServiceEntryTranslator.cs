using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A service that runs only on other sites still needs a host in this mesh's registry so that its
/// VirtualService applies: a MESH_INTERNAL ServiceEntry whose only endpoint is the meshfed gateway.
/// </summary>
internal static class ServiceEntryTranslator
{
    /// <summary>
    /// The ServiceEntry of a remote-only service, with its request-aware ports only: the gateway's local listener
    /// speaks HTTP, so a TCP port would send raw bytes into it (and a TCP ServiceEntry port without addresses is
    /// a listener conflict, istioctl analyze IST0134). Null when no port is request-aware: then neither this nor a
    /// VirtualService is rendered (a VirtualService without http, tcp or tls is rejected by Istio's validation).
    /// </summary>
    public static KubernetesObject? Translate(IstioContext context, Service service)
    {
        var requestPorts = service.Ports.Where(p => p.IsRequestAware).ToList();
        var tcpPorts = service.Ports.Where(p => !p.IsRequestAware).Select(p => p.Port).ToList();
        if (requestPorts.Count == 0)
        {
            context.Warn(service, "ports",
                $"runs only on other sites and has only tcp ports ({string.Join(", ", tcpPorts)}); the meshfed gateway has no TCP pass-through yet, so nothing is rendered for it here and callers on this site cannot reach it");
            return null;
        }
        if (tcpPorts.Count > 0)
        {
            context.Warn(service, "ports",
                $"runs only on other sites; its tcp ports ({string.Join(", ", tcpPorts)}) are not rendered here (the meshfed gateway has no TCP pass-through yet), only its request-aware ports");
        }
        var endpointPorts = new JsonObject();
        foreach (var port in requestPorts)
            endpointPorts[IstioNames.PortName(port)] = DataPath.LocalListenerPort;
        var spec = new JsonObject
        {
            ["hosts"] = new JsonArray(service.Host),
            ["location"] = "MESH_INTERNAL",
            ["ports"] = Ports(requestPorts),
            ["resolution"] = "DNS",
            ["endpoints"] = new JsonArray(new JsonObject { ["address"] = DataPath.GatewayHost, ["ports"] = endpointPorts }),
        };
        return context.Resource(IstioNames.NetworkingApi, "ServiceEntry", context.HostResourceName(service), DataPath.GatewayNamespace, spec);
    }

    /// <summary>
    /// Local workloads that are not pods of a Kubernetes Service (VMs by static address, or a DNS name) join
    /// the registry through a ServiceEntry whose endpoints carry the version label the subsets select on.
    /// Null when every local deployment uses Kubernetes discovery.
    /// </summary>
    public static KubernetesObject? LocalWorkloads(IstioContext context, Service service)
    {
        var local = service.Deployments.Where(d => d.Site == context.View.Site.Name).ToList();
        if (local.All(d => d.Discovery is KubernetesDiscovery))
            return null;
        if (local.Any(d => d.Discovery is KubernetesDiscovery))
        {
            context.Warn(service, "deployments.discovery",
                "versions found through Kubernetes and versions found through dns/static cannot share one host in Istio; only the dns/static versions are registered here (move the others to a Service of their own name)");
        }
        var endpoints = new JsonArray();
        var resolution = "STATIC";
        foreach (var deployment in local)
        {
            var labels = new JsonObject { [context.Options.VersionLabel] = deployment.Version, [context.Options.AppLabel] = service.Name };
            switch (deployment.Discovery)
            {
                case StaticDiscovery fixedEndpoints:
                    foreach (var endpoint in fixedEndpoints.Endpoints)
                    {
                        Addresses.TryParseEndpoint(endpoint, out var host, out var port);
                        var entry = new JsonObject { ["address"] = host, ["labels"] = labels.DeepClone() };
                        if (port is { } number)
                            entry["ports"] = new JsonObject { [IstioNames.PortName(service.Ports[0])] = number };
                        endpoints.Add(entry);
                    }
                    break;
                case DnsDiscovery dns:
                    resolution = "DNS";
                    endpoints.Add(new JsonObject { ["address"] = dns.Hostname, ["labels"] = labels.DeepClone() });
                    break;
            }
        }
        var spec = new JsonObject
        {
            ["hosts"] = new JsonArray(service.Host),
            ["location"] = "MESH_INTERNAL",
            ["ports"] = Ports(service.Ports),
            ["resolution"] = resolution,
            ["endpoints"] = endpoints,
        };
        return context.Resource(IstioNames.NetworkingApi, "ServiceEntry", service.Name, service.Namespace, spec);
    }

    private static JsonArray Ports(IEnumerable<ServicePort> ports) => new([.. ports.Select(p => (JsonNode)new JsonObject
    {
        ["number"] = p.Port,
        ["protocol"] = IstioNames.Protocol(p.Protocol),
        ["name"] = IstioNames.PortName(p),
    })]);
}
