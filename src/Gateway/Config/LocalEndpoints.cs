using MeshFed.Model;

namespace MeshFed.Gateway.Config;

/// <summary>
/// Where the gateway hands a request for a version running in its own site (hop 3 of docs/data-path.md), and
/// how it speaks there. On Istio sites it is the service's own host: the mesh routes on <c>x-meshfed-version</c>.
/// On App Mesh sites it is always the ingress virtual gateway's Envoy in the gateway's own ECS task or EKS pod
/// (127.0.0.1:<see cref="DataPath.AppMeshIngressPort"/>), whatever the version's discovery: the version's
/// listeners take only mesh mTLS, which that Envoy originates (review rows 3, 4). Workloads outside a mesh are
/// reached as their discovery says.
/// </summary>
public static class LocalEndpoints
{
    /// <summary>The ingress virtual gateway's listener, in the gateway's own task or pod.</summary>
    public static Uri AppMeshIngress { get; } = new($"http://127.0.0.1:{DataPath.AppMeshIngressPort}/");

    /// <summary>The endpoints of <paramref name="deployment"/> on <paramref name="port"/>.</summary>
    public static IReadOnlyList<Uri> Of(Site site, Service service, Deployment deployment, ServicePort port)
    {
        if (site.Mesh == MeshKind.AppMesh)
            return [AppMeshIngress];
        var scheme = "http";
        return deployment.Discovery switch
        {
            StaticDiscovery s => [.. s.Endpoints.Select(e => new Uri($"{scheme}://{(e.Contains(':') && !e.StartsWith('[') ? e : $"{e}:{port.Port}")}/"))],
            DnsDiscovery d => [new Uri($"{scheme}://{d.Hostname}:{port.Port}/")],
            CloudMapDiscovery c => [new Uri($"{scheme}://{c.ServiceName}.{c.NamespaceName}:{port.Port}/")],
            _ => [new Uri($"{scheme}://{service.Host}:{port.Port}/")],
        };
    }

    /// <summary>
    /// The Host a delivered request carries (hop 3): the service's FQDN, with the port on Istio sites (Istio
    /// builds virtual hosts for <c>name.ns.svc.cluster.local:port</c>; a short name only resolves in the
    /// service's own namespace, review row 12) and without it on App Mesh sites, whose gateway routes match
    /// the host name exactly and take the port from <c>x-meshfed-port</c>.
    /// </summary>
    public static string Host(Site site, Service service, ServicePort port) =>
        site.Mesh == MeshKind.AppMesh ? service.Host : $"{service.Host}:{port.Port}";
}
