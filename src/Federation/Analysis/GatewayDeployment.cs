using System.Text.Json;
using MeshFed.Model;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// What the Terraform module creates for a site's gateway on its <c>gateway.platform</c>: the one place the
/// analyzer learns where the gateway is reachable, under which names and port names, whether a mesh proxy
/// sits beside it, where hop 3 enters the mesh and which certificate source exists. Every value here is
/// what terraform/modules/* create, and AnalyzeGatewayDeploymentTests reads the modules' HCL to check it:
/// when a module changes, that test names the field to change here.
/// </summary>
internal sealed record GatewayDeployment
{
    /// <summary>The site.</summary>
    public required string Site { get; init; }

    /// <summary>The manifest's <c>gateway.platform</c>.</summary>
    public required GatewayPlatform Platform { get; init; }

    /// <summary>The module (and file) that creates it, for messages.</summary>
    public required string Module { get; init; }

    /// <summary>True when the gateway runs as a Kubernetes pod behind the Service <c>meshfed-gateway.meshfed-system</c>.</summary>
    public required bool InKubernetes { get; init; }

    /// <summary>
    /// True when the site mesh's sidecar is injected into the gateway pod (the module labels the namespace
    /// <c>istio-injection: enabled</c>): the gateway is then a mesh workload with a mesh identity.
    /// </summary>
    public required bool MeshSidecar { get; init; }

    /// <summary>True when a mesh proxy (Istio's sidecar, or App Mesh's virtual gateway Envoy) shares the gateway's network namespace.</summary>
    public required bool ProxyBeside { get; init; }

    /// <summary>The ports of the Kubernetes Service in front of the gateway (empty outside Kubernetes).</summary>
    public required IReadOnlyList<GatewayServicePort> ServicePorts { get; init; }

    /// <summary>The ports the gateway process binds (local, admin, peer), from the site's Terraform inputs.</summary>
    public required IReadOnlyList<int> BoundPorts { get; init; }

    /// <summary>The peer (federation) port the gateway binds.</summary>
    public required int PeerPort { get; init; }

    /// <summary>True when the Istio sidecar beside the gateway captures the peer port (no inbound exclusion).</summary>
    public required bool PeerPortCaptured { get; init; }

    /// <summary>DNS names under which the site's mesh reaches the gateway's local listener.</summary>
    public required IReadOnlyList<string> LocalNames { get; init; }

    /// <summary>AWS Cloud Map registrations of the gateway, as <c>namespace/service</c>.</summary>
    public required IReadOnlyList<string> CloudMapNames { get; init; }

    /// <summary>The App Mesh virtual gateway's listener port when its Envoy runs in the gateway's task or pod (reached on 127.0.0.1), else null.</summary>
    public required int? IngressBesidePort { get; init; }

    /// <summary>DNS names created for the App Mesh virtual gateway's Envoy (a Service or record).</summary>
    public required IReadOnlyList<string> IngressNames { get; init; }

    /// <summary>
    /// True when an SDS socket (a SPIRE agent) is mounted into the Envoy that needs App Mesh certificates:
    /// eks.tf mounts one; on ECS never, "SPIRE is not supported on Amazon ECS" (App Mesh user guide, "Mutual
    /// TLS authentication", docs.aws.amazon.com/app-mesh/latest/userguide/mutual-tls.html), so ecs.tf gives the
    /// virtual gateway file certificates instead.
    /// </summary>
    public required bool SdsSocket { get; init; }

    /// <summary>
    /// True when the caller's identity reaches the gateway authentically: the local listener sits behind the
    /// site's own Istio sidecar, which terminates mesh mTLS and sets <c>x-forwarded-client-cert</c>.
    /// </summary>
    public bool CallerIdentity => MeshSidecar;

    /// <summary>
    /// The deployment <paramref name="modules"/> (this checkout's when null) create for <paramref name="site"/>,
    /// with the ports of its rendered Terraform inputs.
    /// </summary>
    public static GatewayDeployment For(Site site, JsonElement? terraformInputs, GatewayModules? modules = null)
    {
        modules ??= GatewayModules.Current;
        var platform = site.Gateway?.Platform ?? SiteGateway.DefaultPlatform(site.Provider, site.Mesh);
        var local = (int)(terraformInputs.Int("gateway", "local_port") ?? DataPath.LocalListenerPort);
        var admin = (int)(terraformInputs.Int("gateway", "admin_port") ?? DataPath.AdminPort);
        var peer = (int)(terraformInputs.Int("gateway", "peer_port") ?? site.Gateway?.Port ?? SiteGateway.DefaultPort);
        var ingress = (int)(terraformInputs.Int("app_mesh", "ingress_port") ?? DataPath.AppMeshIngressPort);
        var serviceName = terraformInputs.Str("kubernetes", "service_name") ?? DataPath.GatewayService;
        var ns = terraformInputs.Str("kubernetes", "namespace") ?? DataPath.GatewayNamespace;
        // ecs.tf names the Cloud Map namespace and service after the app_mesh input.
        var cloudMap = $"{terraformInputs.Str("app_mesh", "cloud_map_namespace") ?? DataPath.AwsCloudMapNamespace}/{terraformInputs.Str("app_mesh", "cloud_map_service") ?? serviceName}";
        var istio = site.Mesh is MeshKind.Istio or MeshKind.CloudServiceMesh;
        var appMesh = site.Mesh == MeshKind.AppMesh;
        var inKubernetes = platform is GatewayPlatform.Eks or GatewayPlatform.Gke or GatewayPlatform.Kubernetes;
        // gke.tf and kubernetes.tf label the namespace for injection always; eks.tf only when mesh_kind is istio.
        var sidecar = inKubernetes && istio;
        return new GatewayDeployment
        {
            Site = site.Name,
            Platform = platform,
            Module = ModuleOf(site.Provider, platform),
            InKubernetes = inKubernetes,
            MeshSidecar = sidecar,
            // ecs.tf and eks.tf run App Mesh's Envoy (the virtual gateway) as a container of the same task or pod.
            ProxyBeside = sidecar || (appMesh && platform is GatewayPlatform.Ecs or GatewayPlatform.Eks),
            ServicePorts = !inKubernetes ? []
                : modules.PeerPortOnLocalService
                    ? [new GatewayServicePort(modules.LocalPortName, local), new GatewayServicePort(modules.AdminPortName, admin), new GatewayServicePort(modules.PeerPortName, peer)]
                    : [new GatewayServicePort(modules.LocalPortName, local), new GatewayServicePort(modules.AdminPortName, admin)],
            BoundPorts = [local, admin, peer],
            PeerPort = peer,
            PeerPortCaptured = sidecar && !modules.PeerPortOutsideSidecar,
            LocalNames = inKubernetes ? [$"{serviceName}.{ns}.svc.cluster.local"] : [],
            CloudMapNames = appMesh && platform == GatewayPlatform.Ecs && modules.EcsRegistersInCloudMap ? [cloudMap] : [],
            IngressBesidePort = appMesh && platform is GatewayPlatform.Ecs or GatewayPlatform.Eks ? ingress : null,
            // No module creates a Service or record for the virtual gateway's Envoy.
            IngressNames = [],
            SdsSocket = appMesh && platform == GatewayPlatform.Eks && modules.EksVirtualGatewaySdsSocket,
        };
    }

    private static string ModuleOf(CloudProvider provider, GatewayPlatform platform) => (provider, platform) switch
    {
        (CloudProvider.Aws, GatewayPlatform.Eks) => "terraform/modules/aws-gateway (eks.tf)",
        (CloudProvider.Aws, _) => "terraform/modules/aws-gateway (ecs.tf)",
        (CloudProvider.Gcp, GatewayPlatform.Vm) => "terraform/modules/gcp-gateway (mig.tf)",
        (CloudProvider.Gcp, _) => "terraform/modules/gcp-gateway (gke.tf)",
        (_, GatewayPlatform.Vm) => "terraform/modules/onprem-gateway (vm.tf, a systemd unit on the host)",
        _ => "terraform/modules/onprem-gateway (kubernetes.tf)",
    };
}
