namespace MeshFed.Federation.Analysis;

/// <summary>
/// The facts about terraform/modules/* that differ between module generations and that the analyzer relies
/// on. <see cref="Current"/> is what this checkout's modules create (AnalyzeGatewayDeploymentTests reads
/// their HCL to check every field); a frozen rendering of an older commit is analyzed with the facts of the
/// modules it was deployed with, so its findings stay what they were on that commit.
/// </summary>
internal sealed record GatewayModules
{
    /// <summary>The modules of this checkout.</summary>
    public static GatewayModules Current { get; } = new()
    {
        // gke.tf, eks.tf, kubernetes.tf: kubernetes_service_v1.local names the local port http2-local, so every
        // caller's sidecar speaks HTTP/2 to it (Istio "Protocol Selection", explicit protocol selection).
        LocalPortName = "http2-local",
        // The same Service also carries the peer port (tls-peer) next to http2-local and http-admin.
        PeerPortOnLocalService = true,
        // ecs.tf: aws_ecs_service.gateway registers in aws_service_discovery_service.gateway (service_registries).
        EcsRegistersInCloudMap = true,
        // eks.tf: the virtual gateway's Envoy gets APPMESH_SDS_SOCKET_PATH and the SPIRE agent socket (host_path).
        EksVirtualGatewaySdsSocket = true,
        // gke.tf, eks.tf (Istio sites), kubernetes.tf: the pod template's annotation
        // traffic.sidecar.istio.io/excludeInboundPorts names the peer port.
        PeerPortOutsideSidecar = true,
    };

    /// <summary>Name of the local Service's listener port.</summary>
    public required string LocalPortName { get; init; }

    /// <summary>Name of the local Service's admin port.</summary>
    public string AdminPortName { get; init; } = "http-admin";

    /// <summary>Name of the peer port, where the local Service carries it.</summary>
    public string PeerPortName { get; init; } = "tls-peer";

    /// <summary>Whether the local Service carries the peer port too.</summary>
    public required bool PeerPortOnLocalService { get; init; }

    /// <summary>Whether ecs.tf registers the gateway's ECS service in AWS Cloud Map (<c>meshfed-system.local/meshfed-gateway</c>).</summary>
    public required bool EcsRegistersInCloudMap { get; init; }

    /// <summary>Whether eks.tf mounts an SDS socket (the SPIRE agent's) into the virtual gateway's Envoy on App Mesh sites.</summary>
    public required bool EksVirtualGatewaySdsSocket { get; init; }

    /// <summary>
    /// Whether the gateway pod excludes its peer port from the Istio sidecar's inbound capture
    /// (<c>traffic.sidecar.istio.io/excludeInboundPorts</c>), so the federation's own TLS reaches the gateway
    /// process whatever the mesh's mTLS mode. Istio captures every inbound port unless told otherwise (Istio
    /// Traffic Management FAQ, "On what ports does a sidecar proxy capture inbound traffic?"; Resource Annotations).
    /// </summary>
    public bool PeerPortOutsideSidecar { get; init; }
}
