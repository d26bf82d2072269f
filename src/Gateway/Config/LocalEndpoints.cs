using MeshFed.Model;

namespace MeshFed.Gateway.Config;

/// <summary>
/// Where the gateway hands a request for a version running in its own site (hop 3 of docs/data-path.md). On
/// Istio sites it is the service's own host: the mesh routes on <c>x-meshfed-version</c>. On App Mesh sites
/// it is the ingress virtual gateway. Workloads outside Kubernetes are reached as their discovery says.
/// </summary>
public static class LocalEndpoints
{
    /// <summary>The endpoints of <paramref name="deployment"/> on <paramref name="port"/>.</summary>
    public static IReadOnlyList<Uri> Of(Site site, Service service, Deployment deployment, ServicePort port)
    {
        var scheme = "http";
        return deployment.Discovery switch
        {
            StaticDiscovery s => [.. s.Endpoints.Select(e => new Uri($"{scheme}://{(e.Contains(':') && !e.StartsWith('[') ? e : $"{e}:{port.Port}")}/"))],
            DnsDiscovery d => [new Uri($"{scheme}://{d.Hostname}:{port.Port}/")],
            CloudMapDiscovery c => [new Uri($"{scheme}://{c.ServiceName}.{c.NamespaceName}:{port.Port}/")],
            _ when site.Mesh == MeshKind.AppMesh =>
                [new Uri($"{scheme}://{DataPath.AppMeshIngressGateway}.{DataPath.GatewayNamespace}.svc.cluster.local:{DataPath.AppMeshIngressPort}/")],
            _ => [new Uri($"{scheme}://{service.Host}:{port.Port}/")],
        };
    }
}
