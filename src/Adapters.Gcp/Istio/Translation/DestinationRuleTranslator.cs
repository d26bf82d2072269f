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
        if (LocalityFailover(context, service) is { } locality)
        {
            policy["loadBalancer"] ??= new JsonObject { ["simple"] = "ROUND_ROBIN" };
            policy["loadBalancer"]!["localityLbSetting"] = locality;
            // Istio fails over between localities only when it can tell endpoints are unhealthy.
            policy["outlierDetection"] ??= OutlierDetection(new CircuitBreaker());
        }
        policy["tls"] = new JsonObject { ["mode"] = "ISTIO_MUTUAL" };
        ReportFailover(context, service);

        var subsets = new JsonArray([.. context.View.LocalVersions(service).Select(v => (JsonNode)new JsonObject
        {
            ["name"] = v,
            ["labels"] = new JsonObject { [context.Options.VersionLabel] = v },
        })]);
        var spec = new JsonObject { ["host"] = service.Host, ["trafficPolicy"] = policy, ["subsets"] = subsets };
        return context.Resource(IstioNames.NetworkingApi, "DestinationRule", service.Name, service.Namespace, spec);
    }

    private static JsonObject OutlierDetection(CircuitBreaker breaker) => new()
    {
        ["consecutive5xxErrors"] = breaker.Consecutive5xx,
        ["interval"] = IstioNames.Duration(breaker.Interval),
        ["baseEjectionTime"] = IstioNames.Duration(breaker.BaseEjectionTime),
        ["maxEjectionPercent"] = breaker.MaxEjectionPercent,
    };

    /// <summary>
    /// The failover order as region-to-region failover (open-source Istio only). It takes effect for endpoints
    /// this cluster's registry holds in several regions: a cluster spanning regions, or sites on one network
    /// in a multi-cluster mesh. Null when fewer than two regions are named or the profile rejects it.
    /// </summary>
    private static JsonObject? LocalityFailover(IstioContext context, Service service)
    {
        if (context.Profile == IstioProfile.CloudServiceMesh)
            return null;
        var regions = service.Traffic.Failover
            .Select(name => context.View.Mesh.FindSite(name)?.Region)
            .OfType<string>()
            .Distinct()
            .ToList();
        if (regions.Count < 2)
            return null;
        var pairs = new JsonArray([.. regions.Zip(regions.Skip(1)).Select(p => (JsonNode)new JsonObject { ["from"] = p.First, ["to"] = p.Second })]);
        return new JsonObject { ["enabled"] = true, ["failover"] = pairs };
    }

    private static bool SameNetwork(Site a, Site? b) => a.Network is not null && a.Network == b?.Network;

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

    /// <summary>
    /// Cross-site failover is the gateway's job in this data path: the remote endpoints of a version are not
    /// in this cluster's registry, so Istio's localityLbSetting has nothing to fail over to. Say so.
    /// </summary>
    private static void ReportFailover(IstioContext context, Service service)
    {
        if (service.Traffic.Failover.Count == 0)
            return;
        var local = context.View.LocalVersions(service);
        var here = context.View.Site;
        var elsewhere = service.Deployments
            .Where(d => d.Site != here.Name && local.Contains(d.Version))
            .Select(d => d.Site)
            .Distinct()
            .Where(name => context.Profile == IstioProfile.CloudServiceMesh || !SameNetwork(here, context.View.Mesh.FindSite(name)))
            .ToList();
        if (elsewhere.Count == 0)
            return;
        var sites = string.Join(", ", elsewhere);
        var why = context.Profile == IstioProfile.CloudServiceMesh
            ? $"Cloud Service Mesh rejects localityLbSetting failover, and the endpoints on {sites} are behind the meshfed gateway"
            : $"the endpoints on {sites} (other networks) are behind the meshfed gateway, not in this cluster's registry, so the rendered localityLbSetting cannot fail over to them";
        context.Warn(service, "traffic.failover",
            $"{why}: the local share stays on local endpoints (outlier detection ejects bad ones); the meshfed gateway applies the failover order to the traffic it carries");
    }
}
