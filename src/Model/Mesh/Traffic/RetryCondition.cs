namespace MeshFed.Model;

/// <summary>When a failed attempt is retried. Names follow Envoy/Istio <c>retryOn</c>.</summary>
public enum RetryCondition
{
    /// <summary>Any 5xx response.</summary>
    [WireName("5xx")] ServerError,
    /// <summary>502, 503 or 504.</summary>
    [WireName("gateway-error")] GatewayError,
    /// <summary>The upstream reset the connection or stream.</summary>
    [WireName("reset")] Reset,
    /// <summary>The connection could not be established.</summary>
    [WireName("connect-failure")] ConnectFailure,
    /// <summary>HTTP/2 REFUSED_STREAM.</summary>
    [WireName("refused-stream")] RefusedStream,
    /// <summary>409 Conflict.</summary>
    [WireName("retriable-4xx")] Retriable4xx,
    /// <summary>gRPC CANCELLED.</summary>
    [WireName("cancelled")] Cancelled,
    /// <summary>gRPC DEADLINE_EXCEEDED.</summary>
    [WireName("deadline-exceeded")] DeadlineExceeded,
    /// <summary>gRPC INTERNAL.</summary>
    [WireName("internal")] Internal,
    /// <summary>gRPC RESOURCE_EXHAUSTED.</summary>
    [WireName("resource-exhausted")] ResourceExhausted,
    /// <summary>gRPC UNAVAILABLE.</summary>
    [WireName("unavailable")] Unavailable,
}
