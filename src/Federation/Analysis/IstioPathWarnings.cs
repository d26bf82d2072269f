using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>What degrades an Istio path without stopping it: name resolution that needs a mesh setting, load balancing that cannot spread.</summary>
internal static class IstioPathWarnings
{
    /// <summary>
    /// Review row 13: a service that runs only on other sites has no Kubernetes Service on the caller's site, so
    /// kube-dns has no record for it; its ServiceEntry resolves only through Istio's DNS proxying, "any custom
    /// ServiceEntrys will not be recognized" by Kubernetes DNS (Istio "DNS Proxying", istio.io/latest/docs/ops/configuration/traffic-management/dns-proxy/;
    /// Cloud Service Mesh "Set up DNS Proxy"). DNS capture is off unless proxyMetadata ISTIO_META_DNS_CAPTURE is
    /// "true"; a ServiceEntry without addresses answers only with an auto-allocated address (istiod
    /// PILOT_ENABLE_IP_AUTOALLOCATE, on by default in current releases; ISTIO_META_DNS_AUTO_ALLOCATE before).
    /// </summary>
    public static void RemoteOnlyName(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site)
    {
        if (!context.KeepsWarnings)
            return;
        // The same for every path from this site to this service: it reads nothing else of the path.
        var caller = path.Caller.Name;
        if (context.Once(nameof(RemoteOnlyName), caller, path.Service, (context, caller, path.Service, site), static s => RemoteOnlyName(s.context, s.caller, s.Service, s.site)) is { } finding)
            trace.Warn(finding);
    }

    private static AnalysisFinding? RemoteOnlyName(AnalysisContext context, string caller, Service service, RenderedSite site)
    {
        if (service.Deployments.Any(d => d.Site == caller))
            return null;
        var entry = site.IstioForHost("ServiceEntry", service.Host).FirstOrDefault();
        var placeholder = site.OfKind("Service").Any(s => s.Name == service.Name && s.Namespace == service.Namespace);
        if (entry is null || placeholder || entry.Spec.Strings("addresses").Count > 0)
            return null;
        return context.Finding(AnalysisCodes.RemoteHostNeedsDnsCapture, Hop.CallerMesh, caller, service, service, entry,
            $"{service.Host} runs only on other sites: no Kubernetes Service gives it a DNS record here and its ServiceEntry has no addresses, so callers resolve the name only if Istio's DNS proxy answers for it (proxyMetadata ISTIO_META_DNS_CAPTURE: \"true\", off by default) with an auto-allocated address (istiod PILOT_ENABLE_IP_AUTOALLOCATE, default on in current Istio; ISTIO_META_DNS_AUTO_ALLOCATE: \"true\" on older releases); otherwise the lookup fails before the sidecar sees the request",
            $"Enable DNS capture and address auto-allocation on {caller}'s mesh (meshConfig.defaultConfig.proxyMetadata, or the pod annotation proxy.istio.io/config), or create a selectorless Service {service.Namespace}/{service.Name} there.",
            Severity.Warning);
    }

    /// <summary>
    /// Review row 35: every request another site sends arrives from the serving gateway's pod, one source
    /// address, so a consistent hash on the source IP (DestinationRule ConsistentHashLB useSourceIp, "Hash based
    /// on the source IP address") sends them all to the same endpoint.
    /// </summary>
    public static void SourceIpHash(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site)
    {
        if (!context.KeepsWarnings)
            return;
        var service = path.Service;
        var rule = site.IstioForHost("DestinationRule", service.Host).FirstOrDefault();
        if (rule is null)
            return;
        var subset = rule.Spec.Items("subsets").FirstOrNull(s => s.Is(path.Target.Version, "labels", "version"));
        var hash = subset.Str("trafficPolicy", "loadBalancer", "consistentHash", "useSourceIp")
            ?? rule.Spec.Str("trafficPolicy", "loadBalancer", "consistentHash", "useSourceIp");
        if (hash != "true")
            return;
        trace.Warn(context.Finding(AnalysisCodes.SourceIpHash, Hop.Ingress, path.Serving.Name, service, service, rule,
            $"{service.Host} is served to other sites and hashes on the source IP (consistentHash.useSourceIp), but every request from another site arrives from the meshfed gateway's pod address: they all land on the same endpoint",
            "Hash on a header or cookie (traffic.loadBalancer.hashOn) for services served to other sites.",
            Severity.Warning, field: "traffic.loadBalancer"));
    }
}
