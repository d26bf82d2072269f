using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>What every App Mesh translator of one site shares.</summary>
internal sealed class AppMeshContext(FederatedMesh mesh, Site site, AppMeshRenderOptions options)
{
    private readonly List<TargetDiagnostic> _diagnostics = [];

    // The same findings, for the "once" test: a list scan per warning was warnings² on a large site.
    private readonly HashSet<TargetDiagnostic> _reported = [];

    public FederatedMesh Mesh { get; } = mesh;

    public Site Site { get; } = site;

    public AppMeshRenderOptions Options { get; } = options;

    public IReadOnlyList<TargetDiagnostic> Diagnostics => _diagnostics;

    /// <summary>The site's view of the mesh, shared with the Istio renderer and the gateway.</summary>
    public SiteView View { get; } = new(mesh, site);

    public bool RunsHere(Service service) => View.RunsHere(service);

    /// <summary>Whether callers on other sites reach this service's deployments here (through the gateway).</summary>
    public bool ServedToOtherSites(Service service) => View.ServedToOtherSites(service);

    /// <summary>One local deployment per version (a virtual node is per version).</summary>
    public IReadOnlyList<Deployment> LocalDeployments(Service service) => [.. View.LocalDeployments(service).DistinctBy(d => d.Version)];

    /// <summary>
    /// True when a route target of the service resolves to another site from here, so the router names the remote
    /// node. Every target counts, weight 0 and routes after a catch-all included, because the router writes every one
    /// and App Mesh refuses a weighted target whose virtual node does not exist; what actually leaves the site is
    /// <see cref="SiteView.SendsToOtherSites"/>.
    /// </summary>
    public bool NeedsRemoteNode(Service service) =>
        service.Ports.Any(p => p.IsRequestAware) && service.EffectiveRoutes.SelectMany(r => r.To).Any(t => View.Resolve(service, t).IsRemote);

    /// <summary>The SPIFFE ID of a service's workloads in this site's mesh (review row 31: the site's own trust domain).</summary>
    public string SpiffeId(Service service) => Site.WorkloadId(service);

    /// <summary>The identity the ingress virtual gateway presents: the meshfed gateway's, whose task or pod it shares.</summary>
    public string GatewaySpiffeId => $"spiffe://{Site.MeshTrustDomain}/ns/{DataPath.GatewayNamespace}/sa/{DataPath.GatewayServiceAccount}";

    /// <summary>How this site's gateway (and, by the modules' convention, its workloads) is deployed.</summary>
    public GatewayPlatform Platform => Site.Gateway?.Platform ?? SiteGateway.DefaultPlatform(Site.Provider, Site.Mesh);

    /// <summary>
    /// Certificates come from SPIRE over SDS only on EKS: the App Mesh mutual TLS guide says "SPIRE is not
    /// supported on Amazon ECS" (docs.aws.amazon.com/app-mesh/latest/userguide/mutual-tls.html); elsewhere
    /// they come from files the Envoy containers mount.
    /// </summary>
    public bool UsesSds => Platform == GatewayPlatform.Eks;

    /// <summary>The request-aware ports of a service (those App Mesh routes by request).</summary>
    public static IReadOnlyList<ServicePort> RequestPorts(Service service) => [.. service.Ports.Where(p => p.IsRequestAware)];

    /// <summary>
    /// The timeout of a route as rendered: the manifest's, else App Mesh's own default of 15 seconds, written
    /// out so that every layer states it (review row 30; App Mesh routes guide, "Timeout": "the default is 15 seconds").
    /// </summary>
    public static TimeSpan RouteTimeout(Service service, Route route) => route.Timeout ?? service.Traffic.Timeout ?? AppMeshDefaultTimeout;

    /// <summary>
    /// The per-request timeout of a listener of the service's nodes: at least every route timeout that can
    /// target it. The App Mesh routes guide ("Timeout"): "If you specify a duration greater than 15 seconds,
    /// then make sure that the timeout specified for the listener of any virtual node Target is also greater
    /// than 15 seconds."
    /// </summary>
    public static TimeSpan ListenerTimeout(Service service) =>
        service.EffectiveRoutes.Select(r => RouteTimeout(service, r)).Append(AppMeshDefaultTimeout).Max();

    /// <summary>App Mesh's default per-request timeout of routes and listeners.</summary>
    public static readonly TimeSpan AppMeshDefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>True when a route sends some share of its traffic to the gateway (to other sites).</summary>
    public bool TargetsRemote(Service service, Route route) =>
        route.To.Any(t => t.Weight > 0 && View.Resolve(service, t).IsRemote);

    /// <summary>Records a diagnostic once: the same words for the same service are said once, not per route or node.</summary>
    public void Warn(Service service, string concept, string message) => Warn(service.Name, concept, message);

    /// <summary>A diagnostic about a site-wide resource (<paramref name="subject"/>: e.g. the ingress virtual gateway).</summary>
    public void Warn(string subject, string concept, string message)
    {
        var diagnostic = new TargetDiagnostic { Site = Site.Name, Service = subject, Concept = concept, Message = message };
        if (_reported.Add(diagnostic))
            _diagnostics.Add(diagnostic);
    }

    /// <summary>
    /// Where the custom resources of a service live on this site's cluster: its namespace where it runs here,
    /// the gateway's where it does not (its namespace may not exist here), named to stay unique there.
    /// </summary>
    public (string Namespace, string Name) CrHome(Service service, string suffix = "") => RunsHere(service)
        ? (service.Namespace, service.Name + suffix)
        : (DataPath.GatewayNamespace, $"{service.Name}-{service.Namespace}{suffix}");

    public AppMeshResource Resource(string name, AppMeshSpec spec, string? router = null,
        (string Namespace, string Name)? cr = null) => new()
    {
        Name = name,
        RouterName = router,
        CrNamespace = cr?.Namespace,
        CrName = cr?.Name,
        Spec = spec,
        Tags = [new("meshfed.dev/managed-by", "meshfed"), new("meshfed.dev/mesh", Mesh.Name), new("meshfed.dev/site", Site.Name)],
    };
}
