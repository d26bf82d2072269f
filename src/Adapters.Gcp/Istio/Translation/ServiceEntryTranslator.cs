using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;
using ServicePort = MeshFed.Model.ServicePort;

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
    public static IstioResource? Translate(IstioContext context, Service service)
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
        var endpointPorts = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var port in requestPorts)
            endpointPorts[IstioNames.PortName(port)] = DataPath.LocalListenerPort;
        var spec = new ServiceEntrySpec(
            [service.Host],
            ServiceEntryLocation.MeshInternal,
            Ports(requestPorts),
            ServiceEntryResolution.Dns,
            [new WorkloadEntry(DataPath.GatewayHost, Ports: endpointPorts)]);
        return new(context.HostResourceName(service), DataPath.GatewayNamespace, spec);
    }

    /// <summary>
    /// Local workloads that are not pods of a Kubernetes Service (VMs by static address, or a DNS name) join
    /// the registry through a ServiceEntry whose endpoints carry the version label the subsets select on.
    /// Null when every local deployment uses Kubernetes discovery.
    /// </summary>
    public static IstioResource? LocalWorkloads(IstioContext context, Service service)
    {
        var local = context.View.LocalDeployments(service).ToList();
        if (local.All(d => d.Discovery is KubernetesDiscovery))
            return null;
        if (local.Any(d => d.Discovery is KubernetesDiscovery))
        {
            context.Warn(service, "deployments.discovery",
                "versions found through Kubernetes and versions found through dns/static cannot share one host in Istio; only the dns/static versions are registered here (move the others to a Service of their own name)");
        }
        var endpoints = new List<WorkloadEntry>();
        var resolution = ServiceEntryResolution.Static;
        foreach (var deployment in local)
        {
            var labels = Labels.Of((context.Options.VersionLabel, deployment.Version), (context.Options.AppLabel, service.Name));
            switch (deployment.Discovery)
            {
                case StaticDiscovery fixedEndpoints:
                    foreach (var endpoint in fixedEndpoints.Endpoints)
                    {
                        Addresses.TryParseEndpoint(endpoint, out var host, out var port);
                        var ports = port is { } number ? new Dictionary<string, int> { [IstioNames.PortName(service.Ports[0])] = number } : null;
                        endpoints.Add(new WorkloadEntry(host, labels, ports));
                    }
                    break;
                case DnsDiscovery dns:
                    resolution = ServiceEntryResolution.Dns;
                    endpoints.Add(new WorkloadEntry(dns.Hostname, labels));
                    break;
            }
        }
        var spec = new ServiceEntrySpec([service.Host], ServiceEntryLocation.MeshInternal, Ports(service.Ports), resolution, endpoints);
        return new(service.Name, service.Namespace, spec);
    }

    private static List<Api.ServicePort> Ports(IEnumerable<ServicePort> ports) =>
        [.. ports.Select(p => new Api.ServicePort(p.Port, IstioNames.Protocol(p.Protocol), IstioNames.PortName(p)))];
}
