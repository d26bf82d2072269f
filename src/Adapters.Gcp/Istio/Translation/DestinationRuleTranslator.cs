using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;
using TrafficPolicy = MeshFed.Adapters.Gcp.Istio.Api.TrafficPolicy;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A locally running service's DestinationRule: one subset per local version, Istio mTLS to its endpoints,
/// load balancing, connection pool and outlier detection from the circuit breaker.
/// </summary>
internal static class DestinationRuleTranslator
{
    public static IstioResource Translate(IstioContext context, Service service)
    {
        var loadBalancer = LoadBalancer(service.Traffic.LoadBalancer);
        var breaker = service.Traffic.CircuitBreaker;
        var outlierDetection = breaker is null ? null : OutlierDetection(breaker);
        var failover = FailoverPlan.For(context, service);
        if (failover.Regions.Count >= 2)
        {
            loadBalancer = loadBalancer with { LocalityLbSetting = LocalitySetting(failover.Regions) };
            // Istio fails over between localities only when it can tell endpoints are unhealthy
            // (istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/failover/: outlier detection
            // "is required in order for failover to function properly").
            outlierDetection ??= OutlierDetection(new CircuitBreaker());
        }
        var policy = new TrafficPolicy(
            loadBalancer,
            breaker is null ? null : ConnectionPool(breaker),
            outlierDetection,
            Tls(context.View.HasMeshWorkloads(service)));
        failover.Report(context, service, hasOutlierDetection: outlierDetection is not null);
        ReportSourceIpHash(context, service);

        var plain = PlainVersions(context, service);
        var subsets = context.View.LocalVersions(service).Select(v => new Subset(
            v,
            Labels.Of((context.Options.VersionLabel, v)),
            plain.Contains(v) && context.View.HasMeshWorkloads(service) ? new TrafficPolicy(Tls: Tls(meshWorkload: false)) : null)).ToList();
        if (plain.Count > 0 && service.Security.Mtls == MtlsMode.Strict)
        {
            context.Warn(service, "security.mtls",
                $"mtls: strict cannot be enforced for version(s) {string.Join(", ", plain)} on this site: they are plain endpoints (static/dns discovery) without a sidecar, so callers' sidecars send them plaintext (tls DISABLE) and no PeerAuthentication can select them; give the VMs an istio-agent and a WorkloadEntry to bring them into the mesh");
        }
        return new(service.Name, service.Namespace, new DestinationRuleSpec(service.Host, policy, subsets));
    }

    /// <summary>
    /// Istio mTLS to pods with a sidecar. Plain endpoints (VMs by address or a DNS name, no istio-agent) cannot
    /// terminate it, so the client sidecar must not originate it: ClientTLSSettings mode DISABLE, "Do not setup a
    /// TLS connection to the upstream endpoint" (istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode).
    /// </summary>
    private static ClientTlsSettings Tls(bool meshWorkload) => new(meshWorkload ? TlsMode.IstioMutual : TlsMode.Disable);

    private static HashSet<string> PlainVersions(IstioContext context, Service service) =>
        [.. context.View.LocalDeployments(service).Where(d => d.Discovery is not KubernetesDiscovery).Select(d => d.Version)];

    private static LocalityLoadBalancerSetting LocalitySetting(IReadOnlyList<string> regions) =>
        new(Enabled: true, [.. regions.Zip(regions.Skip(1)).Select(p => new LocalityFailover(p.First, p.Second))]);

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

    private static OutlierDetection OutlierDetection(CircuitBreaker breaker) => new(
        breaker.Consecutive5xx,
        IstioNames.Duration(breaker.Interval),
        IstioNames.Duration(breaker.BaseEjectionTime),
        breaker.MaxEjectionPercent);

    private static LoadBalancerSettings LoadBalancer(LoadBalancer balancer) => balancer.Algorithm switch
    {
        LoadBalancingAlgorithm.LeastRequest => new(SimpleLb.LeastRequest),
        LoadBalancingAlgorithm.Random => new(SimpleLb.Random),
        LoadBalancingAlgorithm.RingHash => new(ConsistentHash: HashKey(balancer.HashOn ?? new HashKey { SourceIp = true })),
        _ => new(SimpleLb.RoundRobin),
    };

    private static ConsistentHashLb HashKey(HashKey key) => key switch
    {
        { Header: { } header } => ConsistentHashLb.Header(header),
        { Cookie: { } cookie } => ConsistentHashLb.Cookie(new HttpCookie(cookie, Ttl: "0s")),
        _ => ConsistentHashLb.SourceIp,
    };

    private static ConnectionPoolSettings? ConnectionPool(CircuitBreaker breaker)
    {
        var tcp = breaker.MaxConnections is { } connections ? new TcpSettings(connections) : null;
        var http = breaker.MaxPendingRequests is null && breaker.MaxRequests is null
            ? null
            : new HttpSettings(Http1MaxPendingRequests: breaker.MaxPendingRequests, Http2MaxRequests: breaker.MaxRequests);
        return tcp is null && http is null ? null : new ConnectionPoolSettings(tcp, http);
    }
}
