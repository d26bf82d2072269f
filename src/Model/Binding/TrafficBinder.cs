using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>traffic</c>: routes, timeout, retries, circuit breaker, load balancer, failover.</summary>
internal static class TrafficBinder
{
    public static readonly string[] Fields = ["routes", "timeout", "retries", "circuitBreaker", "loadBalancer", "failover"];
    public static readonly string[] RetryFields = ["attempts", "perTryTimeout", "on"];
    public static readonly string[] CircuitBreakerFields =
        ["consecutive5xx", "interval", "baseEjectionTime", "maxEjectionPercent", "maxConnections", "maxPendingRequests", "maxRequests"];
    public static readonly string[] LoadBalancerFields = ["policy", "hashOn"];
    public static readonly string[] HashKeyFields = ["header", "cookie", "sourceIp"];

    /// <summary>The most retries a policy may ask for (App Mesh and Istio take more; nobody should).</summary>
    public const int MaxRetryAttempts = 10;

    public static TrafficPolicy? Bind(BindContext context, ManifestNode node, string path)
    {
        var traffic = ObjectReader.Open(context, node, path, "traffic", Fields);
        if (traffic is null)
            return null;
        var routes = traffic.List("routes", RouteBinder.Bind);
        return new TrafficPolicy
        {
            Routes = routes,
            Timeout = traffic.Duration("timeout"),
            Retries = traffic.Object("retries", BindRetries),
            CircuitBreaker = traffic.Object("circuitBreaker", BindCircuitBreaker),
            LoadBalancer = traffic.Object("loadBalancer", BindLoadBalancer) ?? LoadBalancer.Default,
            Failover = traffic.List("failover", Scalars.DnsLabel),
        };
    }

    public static RetryPolicy? BindRetries(BindContext context, ManifestNode node, string path)
    {
        var retries = ObjectReader.Open(context, node, path, "a retry policy", RetryFields);
        if (retries is null)
            return null;
        var attempts = retries.Int("attempts", 0, MaxRetryAttempts, required: true);
        var perTry = retries.Duration("perTryTimeout");
        var on = retries.Has("on") ? retries.ValueList("on", Scalars.Enum<RetryCondition>) : RetryPolicy.DefaultConditions;
        return attempts is null ? null : new RetryPolicy { Attempts = attempts.Value, PerTryTimeout = perTry, On = on };
    }

    private static CircuitBreaker? BindCircuitBreaker(BindContext context, ManifestNode node, string path)
    {
        var breaker = ObjectReader.Open(context, node, path, "a circuit breaker", CircuitBreakerFields);
        if (breaker is null)
            return null;
        var defaults = new CircuitBreaker();
        return new CircuitBreaker
        {
            Consecutive5xx = breaker.Int("consecutive5xx", 1, 1000) ?? defaults.Consecutive5xx,
            Interval = breaker.Duration("interval") ?? defaults.Interval,
            BaseEjectionTime = breaker.Duration("baseEjectionTime") ?? defaults.BaseEjectionTime,
            MaxEjectionPercent = breaker.Int("maxEjectionPercent", 0, 100) ?? defaults.MaxEjectionPercent,
            MaxConnections = breaker.Int("maxConnections", 1, int.MaxValue),
            MaxPendingRequests = breaker.Int("maxPendingRequests", 1, int.MaxValue),
            MaxRequests = breaker.Int("maxRequests", 1, int.MaxValue),
        };
    }

    private static LoadBalancer? BindLoadBalancer(BindContext context, ManifestNode node, string path)
    {
        // Short form: "loadBalancer: least-request".
        if (node is ScalarNode)
        {
            var algorithm = Scalars.Enum<LoadBalancingAlgorithm>(context, node, path);
            return algorithm is null ? null : WithDefaultHashKey(new LoadBalancer { Algorithm = algorithm.Value });
        }
        var balancer = ObjectReader.Open(context, node, path, "a load balancer", LoadBalancerFields);
        if (balancer is null)
            return null;
        var policy = balancer.Enum<LoadBalancingAlgorithm>("policy", required: true);
        var hashOn = balancer.Object("hashOn", BindHashKey);
        return policy is null ? null : WithDefaultHashKey(new LoadBalancer { Algorithm = policy.Value, HashOn = hashOn });
    }

    /// <summary>
    /// ring-hash without a key hashes the caller's address: session affinity per client, which is what
    /// "sticky" means to most people and what every target can express.
    /// </summary>
    private static LoadBalancer WithDefaultHashKey(LoadBalancer balancer) =>
        balancer is { Algorithm: LoadBalancingAlgorithm.RingHash, HashOn: null } ? balancer with { HashOn = new HashKey { SourceIp = true } } : balancer;

    private static HashKey? BindHashKey(BindContext context, ManifestNode node, string path)
    {
        var key = ObjectReader.Open(context, node, path, "a hash key", HashKeyFields);
        if (key is null)
            return null;
        var header = key.String("header");
        var cookie = key.String("cookie");
        var sourceIp = key.Bool("sourceIp") ?? false;
        var count = (header is null ? 0 : 1) + (cookie is null ? 0 : 1) + (sourceIp ? 1 : 0);
        if (count != 1)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location, "hashOn must name exactly one input",
                "Give one of: header: <name>, cookie: <name>, sourceIp: true.");
            return null;
        }
        if (header is not null && !HttpNames.IsHeaderName(header))
        {
            context.Error(DiagnosticCodes.InvalidValue, key.FieldPath("header"), key.Node("header")!.Location,
                $"'{Scalars.Truncate(header)}' is not a lowercase header name", HttpNames.HeaderHint);
            return null;
        }
        return new HashKey { Header = header, Cookie = cookie, SourceIp = sourceIp };
    }
}
