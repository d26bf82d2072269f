using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>What a site's Istio rendering cannot enforce or provide by itself, said once where it applies.</summary>
internal static class PolicyLimits
{
    /// <summary>
    /// A service whose local versions are all plain endpoints (static/dns discovery): workload-selector policies
    /// (PeerAuthentication, RequestAuthentication, AuthorizationPolicy) apply to workloads with a sidecar only
    /// ("selector ... the workloads to apply the policy on", istio.io/latest/docs/reference/config/security/authorization-policy/),
    /// and ServiceEntry endpoints are not workloads, so such policies would select nothing and are not rendered.
    /// </summary>
    public static void ReportPlainEndpoints(IstioContext context, Service service)
    {
        var security = service.Security;
        var declared = new List<string>();
        if (security.Allow.Count > 0)
            declared.Add("allow rules");
        if (security.Jwt is not null)
            declared.Add("jwt");
        if (declared.Count == 0)
            return;
        context.Warn(service, "security",
            $"its versions on this site are plain endpoints (static/dns discovery) without a sidecar: no AuthorizationPolicy or RequestAuthentication can select them, so its {string.Join(" and ", declared)} are not enforced for callers on this site (only the meshfed gateway checks them, for requests from other sites)");
    }

    /// <summary>
    /// Hosts of services that run only on other sites exist in the mesh's registry (a ServiceEntry) but in no DNS
    /// zone: an application resolves the name before its sidecar sees the connection. Istio answers such names
    /// only with DNS proxying (ISTIO_META_DNS_CAPTURE, off by default) and address auto-allocation for
    /// ServiceEntries without addresses (istio.io/latest/docs/ops/configuration/traffic-management/dns-proxy/).
    /// </summary>
    public static void ReportRemoteOnlyDns(IstioContext context, IReadOnlyList<string> hosts)
    {
        if (hosts.Count == 0)
            return;
        // Cloud Service Mesh documents the same switch ("Set up DNS Proxy", cloud.google.com/service-mesh/docs/operate-and-maintain/dns-proxy):
        // ISTIO_META_DNS_CAPTURE in the istio-<revision> MeshConfig ConfigMap or per workload.
        var how = context.Profile == IstioProfile.CloudServiceMesh
            ? "set proxyMetadata ISTIO_META_DNS_CAPTURE=true in the istio-<revision> MeshConfig ConfigMap or per workload (cloud.google.com/service-mesh/docs/operate-and-maintain/dns-proxy)"
            : "set proxyMetadata ISTIO_META_DNS_CAPTURE=true, with ServiceEntry address auto-allocation (istiod PILOT_ENABLE_IP_AUTOALLOCATE, or ISTIO_META_DNS_AUTO_ALLOCATE=true on older releases; istio.io/latest/docs/ops/configuration/traffic-management/dns-proxy/)";
        context.WarnSite("dns",
            $"{hosts.Count} host(s) that run only on other sites ({string.Join(", ", hosts)}) are known to the mesh but resolved by no DNS server: enable Istio DNS proxying for this site's workloads ({how}), or callers fail with 'unknown host'");
    }
}
