using MeshFed.Model;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// From which addresses the gateway's local listener may take <c>x-forwarded-client-cert</c> as the caller's
/// identity (gateway option <c>--trust-xfcc-from</c>). The modules pass it explicitly; the gateway derives the
/// same default from the manifest, so the flag documents the deployment rather than changing it.
/// </summary>
public static class XfccTrust
{
    /// <summary>
    /// The source address of requests the Istio sidecar delivers to the application in its pod: the inbound
    /// clusters bind to it (istio/istio pilot/pkg/networking/util/util.go, <c>InboundPassthroughBindIpv4 =
    /// "127.0.0.6"</c>, used as the clusters' <c>upstream_bind_config</c>).
    /// </summary>
    public const string IstioSidecarInboundSource = "127.0.0.6/32";

    /// <summary>
    /// The trusted hops for <paramref name="site"/>: the sidecar's inbound source on Istio and Cloud Service Mesh
    /// sites whose gateway is a pod with the sidecar; none elsewhere (ECS, App Mesh, VMs: nothing in front of the
    /// local listener sanitises the header, so the gateway strips it and the caller is unknown).
    /// </summary>
    public static IReadOnlyList<string> For(Site site, SiteGateway gateway) =>
        site.Mesh is MeshKind.Istio or MeshKind.CloudServiceMesh && gateway.RunsInKubernetes ? [IstioSidecarInboundSource] : [];
}
