using MeshFed.Model;

namespace MeshFed.Federation.Analysis;

/// <summary>One path of the federation: a caller site, a service port, a route target with weight &gt; 0, and the site that serves it.</summary>
internal sealed record PathSpec(Site Caller, Service Service, ServicePort Port, Route Route, RouteTarget Target, bool IsRemote, Site Serving)
{
    /// <summary>The retry policy the sending gateway applies to this route (the route's, else the service's).</summary>
    public RetryPolicy? GatewayRetries => Route.Retries ?? Service.Traffic.Retries;

    /// <summary>The route's timeout (the route's, else the service's).</summary>
    public TimeSpan? Timeout => Route.Timeout ?? Service.Traffic.Timeout;

    /// <summary>For people: <c>gcp-euw1 → shop/checkout:8080 [canary] v1@aws-use1 (90%)</c>.</summary>
    public string Id => $"{Caller.Name} → {Service.Namespace}/{Service.Name}:{Port.Port} [{Route.Name}] {Target.Version}@{Serving.Name} ({Target.Weight}%)";
}
