using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;
using TrafficPolicy = MeshFed.Adapters.Gcp.Istio.Api.TrafficPolicy;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// What the site's own mesh needs to know about the meshfed gateway workload: how its sidecar authenticates
/// peers (mesh mTLS on the local listener, none on the federation port), and how callers' sidecars talk to it.
/// </summary>
internal static class GatewayTranslator
{
    public static IEnumerable<IstioResource> Translate(IstioContext context)
    {
        var site = context.View.Site;
        if (site.Gateway is not { } gateway)
            yield break;
        if (!gateway.RunsInKubernetes)
        {
            // Validation refuses platform vm on Istio sites; an ECS gateway (AWS site running Istio) is no mesh
            // workload either: the Service every rendered route to the gateway names has no pods behind it.
            context.WarnSite("gateway.platform",
                $"the meshfed gateway runs on {WireNames<GatewayPlatform>.Of(gateway.Platform)}, outside this site's cluster: the routes rendered here send cross-site shares to {DataPath.GatewayHost}:{DataPath.LocalListenerPort}, which only exists when the gateway is a pod of this mesh; set gateway.platform to eks, gke or kubernetes");
            yield break;
        }
        yield return PeerAuthentication(gateway);
        yield return DestinationRule();
    }

    /// <summary>
    /// STRICT: every caller reaches the local listener through its sidecar's mesh mTLS, so the gateway's sidecar
    /// always sets an authentic x-forwarded-client-cert and plaintext callers (no identity) are refused.
    /// DISABLE on the peer port: that is the federation's own mTLS, terminated by the gateway process (the pod
    /// also excludes it from inbound capture; the port-level mode keeps a mesh-wide STRICT from rejecting it).
    /// istio.io/latest/docs/reference/config/security/peer_authentication/: "the port value in the
    /// portLevelMtls field refers to the port of the workload, not the port of the Kubernetes service".
    /// </summary>
    private static IstioResource PeerAuthentication(SiteGateway gateway) =>
        new(DataPath.GatewayService, DataPath.GatewayNamespace, new PeerAuthenticationSpec(
            WorkloadSelector.Of("app", DataPath.GatewayService),
            new MutualTls(MutualTlsMode.Strict),
            new Dictionary<int, MutualTls> { [gateway.Port] = new(MutualTlsMode.Disable) }));

    /// <summary>
    /// Callers' sidecars speak HTTP/2 to the local listener whatever the caller spoke, so gRPC keeps its trailers
    /// (Envoy's HTTP/1 codec cannot carry them). The Service's port is named http2-local, which already selects
    /// HTTP/2 (istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/); the DestinationRule
    /// says the same where the port name is not ours to control (h2UpgradePolicy UPGRADE, "Upgrade the connection
    /// to http2", istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-H2UpgradePolicy),
    /// and requires Istio mTLS, which the gateway's STRICT PeerAuthentication expects.
    /// </summary>
    private static IstioResource DestinationRule() =>
        new(DataPath.GatewayService, DataPath.GatewayNamespace, new DestinationRuleSpec(
            DataPath.GatewayHost,
            new TrafficPolicy(
                Tls: new ClientTlsSettings(TlsMode.IstioMutual),
                PortLevelSettings:
                [
                    new PortTrafficPolicy(
                        new PortSelector(DataPath.LocalListenerPort),
                        new ConnectionPoolSettings(Http: new HttpSettings(H2UpgradePolicy: H2UpgradePolicy.Upgrade)),
                        new ClientTlsSettings(TlsMode.IstioMutual)),
                ])));
}
