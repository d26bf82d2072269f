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
    /// The platform a provider's gateway runs on when the manifest does not say: ECS on AWS (the aws-gateway
    /// module's default), GKE on GCP, and the site's own Kubernetes cluster on-prem (on-prem sites run Istio,
    /// whose data path needs the gateway to be a mesh workload with a sidecar).
    /// </summary>
    public static GatewayPlatform DefaultPlatform(CloudProvider provider) => provider switch
    {
        CloudProvider.Aws => GatewayPlatform.Ecs,
        CloudProvider.Gcp => GatewayPlatform.Gke,
        _ => GatewayPlatform.Kubernetes,
    };

    /// <summary>True when the gateway runs as a Kubernetes pod (and, on Istio sites, with the mesh's sidecar).</summary>
    public bool RunsInKubernetes => Platform is GatewayPlatform.Eks or GatewayPlatform.Gke or GatewayPlatform.Kubernetes;
}
