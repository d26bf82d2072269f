using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio;

/// <summary>
/// One site's view of the mesh: which services its callers see, which versions run here, and where each
/// route target goes from here (a local subset, or the meshfed gateway with the site/version pinned).
/// </summary>
internal sealed class SiteView(FederatedMesh mesh, Site site)
{
    public FederatedMesh Mesh { get; } = mesh;

    public Site Site { get; } = site;

    /// <summary>Services whose hosts callers on this site resolve: those running here or exported here.</summary>
    public IEnumerable<Service> VisibleServices => Mesh.Services.Where(s => s.IsVisibleFrom(Site.Name));

    public bool RunsHere(Service service) => service.Deployments.Any(d => d.Site == Site.Name);

    /// <summary>Versions with a deployment on this site, in declaration order.</summary>
    public IReadOnlyList<string> LocalVersions(Service service) =>
        [.. service.Deployments.Where(d => d.Site == Site.Name).Select(d => d.Version).Distinct()];

    /// <summary>True when callers on other sites may reach this service's deployments here.</summary>
    public bool ServedToOtherSites(Service service) =>
        RunsHere(service) && Mesh.Sites.Any(s => s.Name != Site.Name && service.IsVisibleFrom(s.Name));

    /// <summary>
    /// True when every local deployment of the service is a Kubernetes workload (a pod with the mesh's sidecar),
    /// so workload-selector policies select it. Deployments found by static address or DNS are plain endpoints
    /// in a ServiceEntry: no sidecar, no identity, nothing a selector can pick.
    /// </summary>
    public bool RunsAsMeshWorkloads(Service service) =>
        service.Deployments.Where(d => d.Site == Site.Name).All(d => d.Discovery is KubernetesDiscovery);

    /// <summary>True when at least one local deployment is a Kubernetes workload.</summary>
    public bool HasMeshWorkloads(Service service) =>
        service.Deployments.Any(d => d.Site == Site.Name && d.Discovery is KubernetesDiscovery);

    /// <summary>True when the site's gateway is a pod in the site's cluster, with the mesh's sidecar.</summary>
    public bool GatewayIsMeshWorkload => Site.Gateway is { RunsInKubernetes: true };

    /// <summary>Where a route target goes from this site.</summary>
    public ResolvedTarget Resolve(Service service, RouteTarget target) => ResolvedTarget.From(service, target, Site.Name);
}
