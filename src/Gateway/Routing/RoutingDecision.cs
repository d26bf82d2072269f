using MeshFed.Gateway.Tracing;
using MeshFed.Model;
using Polly;

namespace MeshFed.Gateway.Routing;

/// <summary>Where the gateway sends one request, and with which policy; kept on the request for metrics and transforms.</summary>
/// <param name="Service">The service.</param>
/// <param name="Version">The version chosen.</param>
/// <param name="Site">The site serving it.</param>
/// <param name="Direction"><c>outbound</c> (towards another site), <c>inbound</c> (from a peer) or <c>local</c> (delivered here).</param>
/// <param name="Timeout">The whole request's timeout, retries included.</param>
/// <param name="Retries">The retry policy, if any.</param>
/// <param name="FailedOver">Whether the preferred site was unhealthy and another took the request.</param>
/// <param name="Resilience">The plan's pipeline applying <paramref name="Timeout"/> and <paramref name="Retries"/>; null when neither is set.</param>
public sealed record RoutingDecision(
    Service Service,
    string Version,
    string Site,
    string Direction,
    TimeSpan? Timeout,
    RetryPolicy? Retries,
    bool FailedOver,
    ResiliencePipeline<HttpResponseMessage>? Resilience = null)
{
    /// <summary>The request's trace context, written on the forwarded request; null where no router began one (tests).</summary>
    public RequestTrace? Trace { get; init; }

    /// <summary>Direction of a request sent to another site's gateway.</summary>
    public const string Outbound = "outbound";

    /// <summary>Direction of a request that came from another site's gateway.</summary>
    public const string Inbound = "inbound";

    /// <summary>Direction of a request from this site delivered in this site (no mesh in front: <c>meshfed up</c>, failover home).</summary>
    public const string Local = "local";
}
