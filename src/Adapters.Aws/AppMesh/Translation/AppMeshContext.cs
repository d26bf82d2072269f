using System.Text.Json.Nodes;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>What every App Mesh translator of one site shares.</summary>
internal sealed class AppMeshContext(FederatedMesh mesh, Site site, AppMeshRenderOptions options)
{
    private readonly List<TargetDiagnostic> _diagnostics = [];

    public FederatedMesh Mesh { get; } = mesh;

    public Site Site { get; } = site;

    public AppMeshRenderOptions Options { get; } = options;

    public IReadOnlyList<TargetDiagnostic> Diagnostics => _diagnostics;

    public bool RunsHere(Service service) => service.Deployments.Any(d => d.Site == Site.Name);

    /// <summary>Whether callers on other sites reach this service's deployments here (through the gateway).</summary>
    public bool ServedToOtherSites(Service service) =>
        RunsHere(service) && service.Ports.Any(p => p.IsRequestAware) && Mesh.Sites.Any(other => other.Name != Site.Name && service.IsVisibleFrom(other.Name));

    public IReadOnlyList<Deployment> LocalDeployments(Service service) =>
        [.. service.Deployments.Where(d => d.Site == Site.Name).DistinctBy(d => d.Version)];

    /// <summary>True when some share of the service's traffic from this site leaves through the gateway.</summary>
    public bool NeedsRemoteNode(Service service) =>
        service.Ports.Any(p => p.IsRequestAware) && service.EffectiveRoutes.SelectMany(r => r.To).Any(t => ResolvedTarget.From(service, t, Site.Name).IsRemote);

    public string SpiffeId(Service service) => $"spiffe://{Options.MeshTrustDomain}/ns/{service.Namespace}/sa/{service.Name}";

    public void Warn(Service service, string concept, string message) =>
        _diagnostics.Add(new TargetDiagnostic { Site = Site.Name, Service = service.Name, Concept = concept, Message = message });

    /// <summary>
    /// Where the custom resources of a service live on this site's cluster: its namespace where it runs here,
    /// the gateway's where it does not (its namespace may not exist here), named to stay unique there.
    /// </summary>
    public (string Namespace, string Name) CrHome(Service service, string suffix = "") => RunsHere(service)
        ? (service.Namespace, service.Name + suffix)
        : (DataPath.GatewayNamespace, $"{service.Name}-{service.Namespace}{suffix}");

    public AppMeshResource Resource(AppMeshResourceKind kind, string name, JsonObject spec, string? router = null,
        (string Namespace, string Name)? cr = null) => new()
    {
        Kind = kind,
        Name = name,
        RouterName = router,
        CrNamespace = cr?.Namespace,
        CrName = cr?.Name,
        Spec = spec,
        Tags = [new("meshfed.dev/managed-by", "meshfed"), new("meshfed.dev/mesh", Mesh.Name), new("meshfed.dev/site", Site.Name)],
    };
}
