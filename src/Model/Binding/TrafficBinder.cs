using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>traffic</c>: routes, timeout, retries, circuit breaker, load balancer, failover.</summary>
internal static class TrafficBinder
{
    /// <summary>The most consecutive 5xx answers before ejection a breaker may wait for.</summary>
    public const int MaxConsecutive5xx = 1000;

    public static readonly ObjectShape CircuitBreakerShape = new("circuitBreaker", "a circuit breaker",
    [
        Field.Optional("consecutive5xx", new WholeNumberRule(1, MaxConsecutive5xx)),
        Field.Optional("interval", DurationRule.Instance),
        Field.Optional("baseEjectionTime", DurationRule.Instance),
        Field.Optional("maxEjectionPercent", new WholeNumberRule(0, 100)),
        Field.Optional("maxConnections", new WholeNumberRule(1, int.MaxValue)),
        Field.Optional("maxPendingRequests", new WholeNumberRule(1, int.MaxValue)),
        Field.Optional("maxRequests", new WholeNumberRule(1, int.MaxValue)),
    ])
    {
        Description = "Outlier ejection and connection-pool limits.",
    };

    public static readonly ObjectShape HashKeyShape = new("hashKey", "a hash key",
    [
        Field.Optional("header", RouteBinder.HeaderName),
        Field.Optional("cookie", TextRule.Any),
        Field.Optional("sourceIp", FlagRule.True),
    ])
    {
        ExactlyOneField = true,
    };

    public static readonly ObjectShape LoadBalancerShape = new("loadBalancer", "a load balancer",
    [
        Field.Required("policy", WordRule.Of<LoadBalancingAlgorithm>()),
        Field.Optional("hashOn", HashKeyShape),
    ])
    {
        Description = "ring-hash without hashOn hashes the caller's address.",
        Shorthand = (WordRule.Of<LoadBalancingAlgorithm>(), null),
    };

    public static readonly ObjectShape Shape = new("traffic", "traffic",
    [
        Field.Optional("routes", new ListRule(RouteBinder.Shape), "Ordered routes."),
        Field.Optional("timeout", DurationRule.Instance),
        Field.Optional("retries", RetryBinder.Shape),
        Field.Optional("circuitBreaker", CircuitBreakerShape),
        Field.Optional("loadBalancer", LoadBalancerShape),
        Field.Optional("failover", new ListRule(LabelRule.Name), "Preferred site order when a site is unhealthy."),
    ]);

    public static TrafficPolicy? Bind(BindContext context, ManifestNode node, string path)
    {
        var traffic = ObjectReader.Open(context, node, path, Shape);
        if (traffic is null)
            return null;
        var routes = traffic.List("routes", RouteBinder.Bind);
        return new TrafficPolicy
        {
            Routes = routes,
            Timeout = traffic.Duration("timeout"),
            Retries = traffic.Object("retries", RetryBinder.Bind),
            CircuitBreaker = traffic.Object("circuitBreaker", BindCircuitBreaker),
            LoadBalancer = traffic.Object("loadBalancer", BindLoadBalancer) ?? LoadBalancer.Default,
            Failover = traffic.List("failover", LabelRule.Name.Read),
        };
    }

    private static CircuitBreaker? BindCircuitBreaker(BindContext context, ManifestNode node, string path)
    {
        var breaker = ObjectReader.Open(context, node, path, CircuitBreakerShape);
        if (breaker is null)
            return null;
        var defaults = new CircuitBreaker();
        return new CircuitBreaker
        {
            Consecutive5xx = breaker.Int("consecutive5xx") ?? defaults.Consecutive5xx,
            Interval = breaker.Duration("interval") ?? defaults.Interval,
            BaseEjectionTime = breaker.Duration("baseEjectionTime") ?? defaults.BaseEjectionTime,
            MaxEjectionPercent = breaker.Int("maxEjectionPercent") ?? defaults.MaxEjectionPercent,
            MaxConnections = breaker.Int("maxConnections"),
            MaxPendingRequests = breaker.Int("maxPendingRequests"),
            MaxRequests = breaker.Int("maxRequests"),
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
        var balancer = ObjectReader.Open(context, node, path, LoadBalancerShape);
        if (balancer is null)
            return null;
        var policy = balancer.Enum<LoadBalancingAlgorithm>("policy");
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
        var key = ObjectReader.Open(context, node, path, HashKeyShape);
        if (key is null)
            return null;
        if (key.Given(HashKeyShape.Names).Count != 1)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location, "hashOn must name exactly one input",
                "Give one of: header: <name>, cookie: <name>, sourceIp: true.");
            return null;
        }
        var header = key.String("header");
        var cookie = key.String("cookie");
        var sourceIp = key.Marker("sourceIp", "Hash on the caller's address with 'sourceIp: true', or name a header or cookie instead.");
        if (header is null && cookie is null && sourceIp is null)
            return null;
        if (header is not null && !HttpNames.IsHeaderName(header))
        {
            context.Error(DiagnosticCodes.InvalidValue, key.FieldPath("header"), key.Node("header")!.Location,
                $"'{Scalars.Truncate(header)}' is not a lowercase header name", HttpNames.HeaderHint);
            return null;
        }
        return new HashKey { Header = header, Cookie = cookie, SourceIp = sourceIp == true };
    }
}
