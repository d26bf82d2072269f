namespace MeshFed.Model;

/// <summary>Outlier ejection and connection-pool limits (Istio outlierDetection/connectionPool, App Mesh outlierDetection/connectionPool).</summary>
public sealed record CircuitBreaker
{
    /// <summary>Consecutive 5xx responses that eject an endpoint.</summary>
    public int Consecutive5xx { get; init; } = 5;

    /// <summary>How often endpoints are evaluated.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Minimum time an endpoint stays ejected (multiplied by the number of ejections).</summary>
    public TimeSpan BaseEjectionTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most endpoints (percent) that may be ejected at once.</summary>
    public int MaxEjectionPercent { get; init; } = 10;

    /// <summary>Most connections to the service's endpoints (HTTP/1.1 and TCP); null for no limit.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Most requests waiting for a connection; null for no limit.</summary>
    public int? MaxPendingRequests { get; init; }

    /// <summary>Most concurrent requests (HTTP/2, gRPC); null for no limit.</summary>
    public int? MaxRequests { get; init; }
}
