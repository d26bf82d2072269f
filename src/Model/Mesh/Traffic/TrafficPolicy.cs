namespace MeshFed.Model;

/// <summary>Routing and resilience of a service.</summary>
public sealed record TrafficPolicy
{
    /// <summary>No routes, no timeouts, round robin: what a service gets when the manifest says nothing.</summary>
    public static TrafficPolicy Default { get; } = new();

    /// <summary>Ordered routes, first match wins. Empty for a single-version service (all traffic to it).</summary>
    public IReadOnlyList<Route> Routes { get; init; } = [];

    /// <summary>Whole-request timeout; null means the target's default (Istio: none, App Mesh: 15 s).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Retry policy; null means the target's default.</summary>
    public RetryPolicy? Retries { get; init; }

    /// <summary>Outlier ejection and connection limits; null for none.</summary>
    public CircuitBreaker? CircuitBreaker { get; init; }

    /// <summary>Endpoint selection.</summary>
    public LoadBalancer LoadBalancer { get; init; } = LoadBalancer.Default;

    /// <summary>Preferred site order when a site is unhealthy; empty means "nearest healthy site".</summary>
    public IReadOnlyList<string> Failover { get; init; } = [];
}
