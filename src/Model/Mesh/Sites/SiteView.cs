namespace MeshFed.Model;

/// <summary>
/// One site's view of the mesh: which services its callers see, which versions run here, what it serves to
/// other sites, and where each route target goes from here (a local subset, or the meshfed gateway with the
/// site/version pinned). The one place the renderers and the gateway ask these questions, so their answers
/// cannot drift apart (the codebase review of 2026-12-02 found four copies that already disagreed).
/// </summary>
public sealed class SiteView(FederatedMesh mesh, Site site)
{
    /// <summary>The manifest's mesh.</summary>
    public FederatedMesh Mesh { get; } = mesh;

    /// <summary>The site looked from.</summary>
    public Site Site { get; } = site;

    /// <summary>Services whose hosts callers on this site resolve: those running here or exported here.</summary>
    public IEnumerable<Service> VisibleServices => Mesh.Services.Where(s => s.IsVisibleFrom(Site.Name));

    /// <summary>
    /// The visible services that take requests (an HTTP, HTTP/2 or gRPC port): those the meshfed gateway's local
    /// listener routes for callers on this site (it carries no TCP).
    /// </summary>
    public IEnumerable<Service> VisibleRequestServices => VisibleServices.Where(TakesRequests);

    /// <summary>
    /// The services with a deployment on this site that take requests: those the meshfed gateway delivers to here
    /// (the peer listener then refuses, per calling site, what is not exported to it).
    /// </summary>
    public IEnumerable<Service> LocalRequestServices => Mesh.Services.Where(s => RunsHere(s) && TakesRequests(s));

    /// <summary>True when a deployment of the service runs on this site.</summary>
    public bool RunsHere(Service service) => service.Deployments.Any(d => d.Site == Site.Name);

    /// <summary>The sites other than this one that run a deployment of the service, in deployment order.</summary>
    public IEnumerable<string> OtherSitesRunning(Service service) => service.DeployedSites.Where(s => s != Site.Name);

    /// <summary>
    /// The routes that can take a request, in match order: all of them up to and including the first catch-all
    /// (first match wins, so a route after a catch-all never matches; validation warns about it).
    /// </summary>
    public static IEnumerable<Route> ReachableRoutes(Service service)
    {
        foreach (var route in service.EffectiveRoutes)
        {
            yield return route;
            if (route.Match.IsCatchAll)
                yield break;
        }
    }

    /// <summary>
    /// True when callers on this site send some of the service's requests to another site, which only the meshfed
    /// gateway carries: they see the service, it takes requests, and it runs only elsewhere or a reachable route gives a share
    /// (weight above 0) to a target that resolves to another site (<see cref="Resolve"/>). A VPC Lattice site has a
    /// gateway target group for exactly these services (<see cref="LatticeAddressing.GatewayTargetGroupName"/>).
    /// </summary>
    public bool SendsToOtherSites(Service service) =>
        service.IsVisibleFrom(Site.Name) && TakesRequests(service) && (!RunsHere(service) || ReachableRoutes(service).Any(r => r.To.Any(t => t.Weight > 0 && Resolve(service, t).IsRemote)));

    /// <summary>The service's deployments on this site, in declaration order.</summary>
    public IEnumerable<Deployment> LocalDeployments(Service service) => service.Deployments.Where(d => d.Site == Site.Name);

    /// <summary>Versions with a deployment on this site, in declaration order.</summary>
    public IReadOnlyList<string> LocalVersions(Service service) => [.. LocalDeployments(service).Select(d => d.Version).Distinct()];

    /// <summary>
    /// True when callers on other sites may reach this service's deployments here: it runs here, is exported to
    /// another site, and has a request-aware port (the gateway carries HTTP, HTTP/2 and gRPC; no TCP pass-through).
    /// </summary>
    public bool ServedToOtherSites(Service service) =>
        RunsHere(service) && TakesRequests(service) && Mesh.Sites.Any(s => s.Name != Site.Name && service.IsVisibleFrom(s.Name));

    /// <summary>The services this site serves to other sites, in manifest order.</summary>
    public IEnumerable<Service> ServedServices => Mesh.Services.Where(ServedToOtherSites);

    /// <summary>
    /// On an App Mesh site: whether the virtual gateway's one listener (<c>meshfed-ingress</c>) speaks HTTP/2, which
    /// it does as soon as a served service has an HTTP/2 or gRPC port; the meshfed gateway then sends h2c to it for
    /// every service (fidelity review of 2026-12-02, row 23; App Mesh API reference, VirtualGatewaySpec: "You can
    /// specify one listener"). The renderer writes the listener and the gateway chooses its HTTP version from this.
    /// </summary>
    public bool AppMeshIngressSpeaksHttp2 => Site.Mesh == MeshKind.AppMesh && ServedServices.Any(s => s.Ports.Any(p => p.IsHttp2));

    /// <summary>True when the site's mesh is Amazon VPC Lattice (<see cref="LatticeAddressing"/> names and addresses it).</summary>
    public bool IsLattice => Site.Mesh == MeshKind.VpcLattice;

    /// <summary>
    /// On a VPC Lattice site: where the meshfed gateway delivers a request from another site for
    /// <paramref name="port"/> of <paramref name="service"/> (the Lattice service's custom domain, scheme and port,
    /// SigV4-signed for <c>vpc-lattice-svcs</c>). Null when the site is not Lattice, the service is not served here
    /// to other sites, or the port has no Lattice listener (TCP).
    /// </summary>
    public LatticeDelivery? LatticeDelivery(Service service, ServicePort port) =>
        IsLattice && ServedToOtherSites(service) ? LatticeAddressing.Delivery(service, port) : null;

    /// <summary>
    /// True when every local deployment of the service is a Kubernetes workload (a pod with the mesh's sidecar),
    /// so workload-selector policies select it. Deployments found by static address or DNS are plain endpoints
    /// in a ServiceEntry: no sidecar, no identity, nothing a selector can pick.
    /// </summary>
    public bool RunsAsMeshWorkloads(Service service) =>
        LocalDeployments(service).All(d => d.Discovery is KubernetesDiscovery);

    /// <summary>True when at least one local deployment is a Kubernetes workload.</summary>
    public bool HasMeshWorkloads(Service service) =>
        LocalDeployments(service).Any(d => d.Discovery is KubernetesDiscovery);

    /// <summary>True when the site's gateway is a pod in the site's cluster, with the mesh's sidecar.</summary>
    public bool GatewayIsMeshWorkload => Site.Gateway is { RunsInKubernetes: true };

    /// <summary>
    /// The service an allow rule's caller (<paramref name="from"/>: <c>name</c>, <c>namespace/name</c>, or
    /// <c>spiffe://&lt;this site's mesh trust domain&gt;/ns/&lt;ns&gt;/sa/&lt;name&gt;</c>) names when it runs on this site, else
    /// null: such callers reach <paramref name="callee"/> inside the site's mesh; all others arrive through the
    /// meshfed gateway. A bare name is looked up in the callee's namespace first.
    /// </summary>
    public Service? LocalCaller(Service callee, string from)
    {
        Service? found;
        if (from.StartsWith("spiffe://", StringComparison.Ordinal))
        {
            var parts = from["spiffe://".Length..].Split('/');
            found = parts is [var domain, "ns", var ns, "sa", var name] && domain == Site.MeshTrustDomain ? Mesh.FindService(name, ns) : null;
        }
        else
        {
            var parts = from.Split('/');
            found = parts.Length == 2 ? Mesh.FindService(parts[1], parts[0]) : Mesh.FindService(parts[0], callee.Namespace) ?? Mesh.FindService(parts[0]);
        }
        return found is not null && RunsHere(found) ? found : null;
    }

    /// <summary>Where a route target goes from this site.</summary>
    public ResolvedTarget Resolve(Service service, RouteTarget target) => ResolvedTarget.From(service, target, Site.Name);

    private static bool TakesRequests(Service service) => service.Ports.Any(p => p.IsRequestAware);
}
