namespace MeshFed.Model;

/// <summary>Where the other sites reach this site's meshfed gateway (its peer listener), and how it is deployed.</summary>
public sealed record SiteGateway
{
    /// <summary>The port the peer listener uses unless a manifest says otherwise.</summary>
    public const int DefaultPort = 15443;

    /// <summary>DNS name or IP address, as the other sites resolve it.</summary>
    public required string Address { get; init; }

    /// <summary>Peer (federation mTLS) port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>How the gateway is deployed (default per provider: <see cref="DefaultPlatform"/>).</summary>
    public GatewayPlatform Platform { get; init; } = GatewayPlatform.Ecs;

    /// <summary>
    /// The platform a site's gateway runs on when the manifest does not say: ECS on AWS (the aws-gateway module's
    /// default), except under Istio, whose data path needs the gateway to be a mesh workload with the sidecar and no
    /// Istio sidecar runs on ECS, so EKS there; GKE on GCP; and the site's own Kubernetes cluster on-prem (on-prem sites
    /// run Istio, for the same reason).
    /// </summary>
    public static GatewayPlatform DefaultPlatform(CloudProvider provider, MeshKind mesh) => provider switch
    {
        CloudProvider.Aws => mesh is MeshKind.Istio or MeshKind.CloudServiceMesh ? GatewayPlatform.Eks : GatewayPlatform.Ecs,
        CloudProvider.Gcp => GatewayPlatform.Gke,
        _ => GatewayPlatform.Kubernetes,
    };

    /// <summary>True when the gateway runs as a Kubernetes pod (and, on Istio sites, with the mesh's sidecar).</summary>
    public bool RunsInKubernetes => Platform is GatewayPlatform.Eks or GatewayPlatform.Gke or GatewayPlatform.Kubernetes;
}
