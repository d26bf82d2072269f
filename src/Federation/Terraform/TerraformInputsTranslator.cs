using MeshFed.Model;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// Composes a site's Terraform inputs from the model: pure (mesh in, inputs out), so the modules and the
/// manifest cannot disagree about names, ports, peers, identities or telemetry.
/// </summary>
public static class TerraformInputsTranslator
{
    /// <summary>True when <paramref name="site"/> has a gateway to provision.</summary>
    public static bool Renders(Site site) => site.Gateway is not null;

    /// <summary>
    /// The input errors of <paramref name="sites"/>' gateways no module can provision (a platform the site's
    /// provider has no module for, Istio on ECS): every target refuses them before anything else, since no
    /// rendering or analysis of such a site describes something that can exist.
    /// </summary>
    public static IReadOnlyList<TerraformDiagnostic> PlatformErrors(FederatedMesh mesh, IEnumerable<Site> sites) =>
        [.. sites.Where(Renders).SelectMany(s => Translate(mesh, s.Name).Diagnostics).Where(d => d.IsError)];

    /// <summary>The inputs for <paramref name="siteName"/> (a site with a gateway) and what they cannot say.</summary>
    public static (TerraformSiteInputs Inputs, IReadOnlyList<TerraformDiagnostic> Diagnostics) Translate(FederatedMesh mesh, string siteName)
    {
        var site = mesh.FindSite(siteName) ?? throw new ArgumentException($"site '{siteName}' is not in mesh '{mesh.Name}'", nameof(siteName));
        var gateway = site.Gateway ?? throw new ArgumentException($"site '{siteName}' has no gateway", nameof(siteName));
        var peers = mesh.Sites
            .Where(s => s.Name != site.Name && s.Gateway is not null)
            .Select(s => new PeerInputs { Site = s.Name, Address = s.Gateway!.Address, Port = s.Gateway.Port, Cidr = PeerCidr.Of(s.Gateway.Address) })
            .ToList();
        var unresolved = peers.Where(p => p.Cidr is null).ToList();
        var diagnostics = unresolved.Select(p => new TerraformDiagnostic(site.Name,
            $"peer {p.Site}: gateway address '{p.Address}' is a DNS name, and a firewall admits addresses, not names. " +
            $"Give the CIDR it resolves to in extra_peer_cidrs (the module refuses to plan without it), or put an IP address in the manifest.")).ToList();
        var platform = ModulePlatform.Of(site, gateway);
        if (platform is null)
            diagnostics.Insert(0, new TerraformDiagnostic(site.Name,
                $"gateway.platform '{WireNames<GatewayPlatform>.Of(gateway.Platform)}' cannot run on provider {WireNames<CloudProvider>.Of(site.Provider)}: " +
                $"terraform/modules/{WireNames<CloudProvider>.Of(site.Provider)}-gateway provisions {string.Join(" or ", ModulePlatform.Provisioned(site.Provider))}. " +
                "Set the site's gateway.platform to one of them.", IsError: true));
        else if (site.Mesh is MeshKind.Istio or MeshKind.CloudServiceMesh && gateway.Platform == GatewayPlatform.Ecs)
            diagnostics.Insert(0, new TerraformDiagnostic(site.Name,
                $"mesh {WireNames<MeshKind>.Of(site.Mesh)} needs the gateway to be a mesh workload with the sidecar (the rendering routes to " +
                $"{DataPath.GatewayHost} and admits the gateway by its mesh identity), and no Istio sidecar runs on ECS. " +
                "Set the site's gateway.platform to eks.", IsError: true));
        var inputs = new TerraformSiteInputs
        {
            MeshName = mesh.Name,
            SiteName = site.Name,
            SiteProvider = WireNames<CloudProvider>.Of(site.Provider),
            MeshKind = WireNames<MeshKind>.Of(site.Mesh),
            Platform = platform ?? WireNames<GatewayPlatform>.Of(gateway.Platform),
            Region = site.Provider == CloudProvider.OnPrem ? null : site.Region,
            Project = site.Provider == CloudProvider.Gcp ? site.Project : null,
            Gateway = new GatewayInputs
            {
                Address = gateway.Address,
                PeerPort = gateway.Port,
                LocalPort = DataPath.LocalListenerPort,
                AdminPort = DataPath.AdminPort,
                TrustXfccFrom = XfccTrust.For(site, gateway),
            },
            Peers = peers,
            PeerCidrs = [.. peers.Select(p => p.Cidr).OfType<string>().Distinct()],
            UnresolvedPeers = [.. unresolved.Select(p => p.Site)],
            TrustDomain = mesh.TrustDomain,
            SpiffeId = DataPath.GatewaySpiffeId(mesh.TrustDomain, site.Name),
            TrustSecrets = TrustSecrets.For(mesh.Name, site),
            Telemetry = new TelemetryInputs
            {
                Metrics = [.. mesh.Telemetry.Metrics.Select(WireNames<MetricsSink>.Of)],
                Traces = [.. mesh.Telemetry.Traces.Select(WireNames<TraceSink>.Of)],
                Sampling = mesh.Telemetry.Sampling,
            },
            // A site moving to Lattice keeps its App Mesh virtual gateway (and its Envoy beside the gateway) until the
            // migration is finished: Lattice hands App Mesh's share to it (docs/migration.md).
            AppMesh = site.Mesh == MeshKind.AppMesh || site.Migration is not null
                ? new AppMeshInputs
                {
                    MeshName = mesh.Name,
                    VirtualGateway = DataPath.AppMeshIngressGateway,
                    IngressPort = DataPath.AppMeshIngressPort,
                    CloudMapNamespace = DataPath.AwsCloudMapNamespace,
                    CloudMapService = DataPath.GatewayService,
                    MeshTrustDomain = site.MeshTrustDomain,
                }
                : null,
            Lattice = site.Mesh == MeshKind.VpcLattice ? LatticeInputs.For(mesh, site) : null,
            Kubernetes = gateway.RunsInKubernetes
                ? new KubernetesInputs { Namespace = DataPath.GatewayNamespace, ServiceName = DataPath.GatewayService, ServiceAccount = DataPath.GatewayServiceAccount }
                : null,
        };
        return (inputs, diagnostics);
    }
}
