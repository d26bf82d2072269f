using MeshFed.Model;

namespace MeshFed.Federation.Analysis;

/// <summary>The ports a site mesh's proxy binds in every pod or task it runs in, so no workload beside it may.</summary>
internal static class ReservedPorts
{
    // "Ports used by Istio" (istio.io/latest/docs/ops/deployment/application-requirements/#ports-used-by-istio):
    // the sidecar's 15000 (admin), 15001 (outbound), 15004 (debug), 15006 (inbound), 15008 (HBONE), 15009
    // (HBONE in ambient), 15020 (merged Prometheus), 15021 (health checks), 15053 (DNS proxy), 15090 (Envoy
    // Prometheus); the control plane's 15010, 15012, 15014, 15017 are istiod's but are refused too so a
    // gateway never shadows them on a host that runs both.
    private static readonly int[] s_istio = [15000, 15001, 15004, 15006, 15008, 15009, 15010, 15012, 15014, 15017, 15020, 15021, 15053, 15090];

    // App Mesh's Envoy image: admin 9901, and 15000/15001 for the proxy's ingress/egress listeners
    // (App Mesh user guide, "Envoy image" and "Envoy configuration variables": ENVOY_ADMIN_ACCESS_PORT 9901,
    // APPMESH_PROXY_INGRESS_PORT/APPMESH_PROXY_EGRESS_PORT in the task definition's proxyConfiguration).
    private static readonly int[] s_appMesh = [9901, 15000, 15001];

    /// <summary>The reserved ports of <paramref name="mesh"/>'s proxy.</summary>
    public static IReadOnlyList<int> Of(MeshKind mesh) => mesh switch
    {
        MeshKind.Istio or MeshKind.CloudServiceMesh => s_istio,
        MeshKind.AppMesh => s_appMesh,
        _ => [],
    };

    /// <summary>The name of the proxy that owns <paramref name="mesh"/>'s reserved ports, for messages.</summary>
    public static string Owner(MeshKind mesh) => mesh == MeshKind.AppMesh ? "App Mesh's Envoy" : "Istio's sidecar";
}
