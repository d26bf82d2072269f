using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A locally running service's DestinationRule: one subset per local version, Istio mTLS to its endpoints,
/// load balancing, connection pool and outlier detection from the circuit breaker.
/// </summary>
internal static class DestinationRuleTranslator
{
    public static KubernetesObject Translate(IstioContext context, Service service)
    {
        var policy = new JsonObject();
        if (LoadBalancer(service.Traffic.LoadBalancer) is { } balancer)
            policy["loadBalancer"] = balancer;
        if (service.Traffic.CircuitBreaker is { } breaker)
        {
            if (ConnectionPool(breaker) is { } pool)
                policy["connectionPool"] = pool;
            policy["outlierDetection"] = OutlierDetection(breaker);
        }
        var failover = FailoverPlan.For(context, service);
        if (failover.Regions.Count >= 2)
        {
            policy["loadBalancer"] ??= new JsonObject { ["simple"] = "ROUND_ROBIN" };
            policy["loadBalancer"]!["localityLbSetting"] = LocalitySetting(failover.Regions);
            // Istio fails over between localities only when it can tell endpoints are unhealthy
            // (istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/failover/: outlier detection
            // "is required in order for failover to function properly").
            policy["outlierDetection"] ??= OutlierDetection(new CircuitBreaker());
        }
        policy["tls"] = Tls(context.View.HasMeshWorkloads(service));
        failover.Report(context, service, hasOutlierDetection: policy.ContainsKey("outlierDetection"));
        ReportSourceIpHash(context, service);

        var plain = PlainVersions(context, service);
        var subsets = new JsonArray([.. context.View.LocalVersions(service).Select(v =>
        {
            var subset = new JsonObject { ["name"] = v, ["labels"] = new JsonObject { [context.Options.VersionLabel] = v } };
            if (plain.Contains(v) && context.View.HasMeshWorkloads(service))
                subset["trafficPolicy"] = new JsonObject { ["tls"] = Tls(meshWorkload: false) };
            return (JsonNode)subset;
        })]);
        if (plain.Count > 0 && service.Security.Mtls == MtlsMode.Strict)
        {
            context.Warn(service, "security.mtls",
                $"mtls: strict cannot be enforced for version(s) {string.Join(", ", plain)} on this site: they are plain endpoints (static/dns discovery) without a sidecar, so callers' sidecars send them plaintext (tls DISABLE) and no PeerAuthentication can select them; give the VMs an istio-agent and a WorkloadEntry to bring them into the mesh");
        }
        var spec = new JsonObject { ["host"] = service.Host, ["trafficPolicy"] = policy, ["subsets"] = subsets };
        return context.Resource(IstioNames.NetworkingApi, "DestinationRule", service.Name, service.Namespace, spec);
    }

    /// <summary>
    /// Istio mTLS to pods with a sidecar. Plain endpoints (VMs by address or a DNS name, no istio-agent) cannot
    /// terminate it, so the client sidecar must not originate it: ClientTLSSettings mode DISABLE, "Do not setup a
    /// TLS connection to the upstream endpoint" (istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode).
    /// </summary>
    private static JsonObject Tls(bool meshWorkload) => new() { ["mode"] = meshWorkload ? "ISTIO_MUTUAL" : "DISABLE" };

    private static HashSet<string> PlainVersions(IstioContext context, Service service) =>
        [.. service.Deployments.Where(d => d.Site == context.View.Site.Name && d.Discovery is not KubernetesDiscovery).Select(d => d.Version)];

    private static JsonObject LocalitySetting(IReadOnlyList<string> regions)
    {
        var pairs = new JsonArray([.. regions.Zip(regions.Skip(1)).Select(p => (JsonNode)new JsonObject { ["from"] = p.First, ["to"] = p.Second })]);
        return new JsonObject { ["enabled"] = true, ["failover"] = pairs };
    }

    /// <summary>
    /// Hashing on the source IP sees one address per gateway pod for everything other sites send (the gateway's
    /// sidecar connects from the gateway pod), so all cross-site requests land on the same few endpoints.
    /// (istio.io DestinationRule "ConsistentHashLB": useSourceIp "Hash based on the source IP address".)
    /// </summary>
    private static void ReportSourceIpHash(IstioContext context, Service service)
    {
        var balancer = service.Traffic.LoadBalancer;
        if (balancer.Algorithm != LoadBalancingAlgorithm.RingHash || !context.View.ServedToOtherSites(service))
            return;
        if (balancer.HashOn is { Header: not null } or { Cookie: not null })
            return;
        context.Warn(service, "traffic.loadBalancer",
            "ring-hash on the source IP: requests from other sites all arrive from the meshfed gateway's pod address, so they hash to the same endpoint(s); hash on a header or cookie (hashOn) to spread them");
    }

    private static JsonObject OutlierDetection(CircuitBreaker breaker) => new()
    {
        ["consecutive5xxErrors"] = breaker.Consecutive5xx,
        ["interval"] = IstioNames.Duration(breaker.Interval),
        ["baseEjectionTime"] = IstioNames.Duration(breaker.BaseEjectionTime),
        ["maxEjectionPercent"] = breaker.MaxEjectionPercent,
    };

    private static JsonObject? LoadBalancer(LoadBalancer balancer) => balancer.Algorithm switch
    {
        LoadBalancingAlgorithm.LeastRequest => new JsonObject { ["simple"] = "LEAST_REQUEST" },
        LoadBalancingAlgorithm.Random => new JsonObject { ["simple"] = "RANDOM" },
        LoadBalancingAlgorithm.RingHash => new JsonObject { ["consistentHash"] = HashKey(balancer.HashOn ?? new HashKey { SourceIp = true }) },
        _ => new JsonObject { ["simple"] = "ROUND_ROBIN" },
    };

    private static JsonObject HashKey(HashKey key) => key switch
    {
        { Header: { } header } => new JsonObject { ["httpHeaderName"] = header },
        { Cookie: { } cookie } => new JsonObject { ["httpCookie"] = new JsonObject { ["name"] = cookie, ["ttl"] = "0s" } },
        _ => new JsonObject { ["useSourceIp"] = true },
    };

    private static JsonObject? ConnectionPool(CircuitBreaker breaker)
    {
        var pool = new JsonObject();
        if (breaker.MaxConnections is { } connections)
            pool["tcp"] = new JsonObject { ["maxConnections"] = connections };
        var http = new JsonObject();
        if (breaker.MaxPendingRequests is { } pending)
            http["http1MaxPendingRequests"] = pending;
        if (breaker.MaxRequests is { } requests)
            http["http2MaxRequests"] = requests;
        if (http.Count > 0)
            pool["http"] = http;
        return pool.Count > 0 ? pool : null;
    }
}
