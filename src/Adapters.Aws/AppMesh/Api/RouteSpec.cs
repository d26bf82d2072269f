using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A route (API shape RouteSpec): a priority and exactly one route of its listener's protocol.</summary>
/// <param name="Priority">Lower first.</param>
/// <param name="HttpRoute">For http listeners.</param>
/// <param name="TcpRoute">For tcp listeners.</param>
/// <param name="Http2Route">For http2 listeners (API shape HttpRoute).</param>
/// <param name="GrpcRoute">For grpc listeners.</param>
public sealed record RouteSpec(
    int Priority,
    HttpRoute? HttpRoute = null,
    TcpRoute? TcpRoute = null,
    HttpRoute? Http2Route = null,
    GrpcRoute? GrpcRoute = null) : AppMeshSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override AppMeshResourceKind Kind => AppMeshResourceKind.Route;
}

/// <summary>API shape HttpRoute (for http and http2 listeners).</summary>
/// <param name="Match">Which requests.</param>
/// <param name="Action">Where they go.</param>
/// <param name="RetryPolicy">How they are retried.</param>
/// <param name="Timeout">How long they may take.</param>
public sealed record HttpRoute(HttpRouteMatch Match, RouteAction Action, HttpRetryPolicy? RetryPolicy, HttpTimeout Timeout);

/// <summary>API shape GrpcRoute.</summary>
/// <param name="Match">Which requests.</param>
/// <param name="Action">Where they go.</param>
/// <param name="RetryPolicy">How they are retried.</param>
/// <param name="Timeout">How long they may take (API shape GrpcTimeout, the same members as HttpTimeout).</param>
public sealed record GrpcRoute(GrpcRouteMatch Match, RouteAction Action, GrpcRetryPolicy? RetryPolicy, HttpTimeout Timeout);

/// <summary>API shape TcpRoute.</summary>
/// <param name="Action">Where connections go.</param>
/// <param name="Match">The listener port (routers with several listeners only).</param>
public sealed record TcpRoute(RouteAction Action, TcpRouteMatch? Match = null);

/// <summary>API shapes HttpRouteAction, GrpcRouteAction and TcpRouteAction (the same member).</summary>
/// <param name="WeightedTargets">The split.</param>
public sealed record RouteAction(IReadOnlyList<WeightedTarget> WeightedTargets);

/// <summary>API shape WeightedTarget.</summary>
/// <param name="VirtualNode">The node's name.</param>
/// <param name="Weight">Its share.</param>
/// <param name="Port">The node's listener port (routers with several listeners only).</param>
public sealed record WeightedTarget(string VirtualNode, int Weight, int? Port = null);

/// <summary>API shape HttpRetryPolicy.</summary>
/// <param name="MaxRetries">Retries after the first try.</param>
/// <param name="PerRetryTimeout">How long each try may take.</param>
/// <param name="HttpRetryEvents">HTTP conditions retried.</param>
/// <param name="TcpRetryEvents">Connection conditions retried.</param>
public sealed record HttpRetryPolicy(long MaxRetries, Duration PerRetryTimeout, IReadOnlyList<string>? HttpRetryEvents = null, IReadOnlyList<string>? TcpRetryEvents = null);

/// <summary>API shape GrpcRetryPolicy.</summary>
/// <param name="MaxRetries">Retries after the first try.</param>
/// <param name="PerRetryTimeout">How long each try may take.</param>
/// <param name="GrpcRetryEvents">gRPC statuses retried.</param>
/// <param name="HttpRetryEvents">HTTP conditions retried.</param>
/// <param name="TcpRetryEvents">Connection conditions retried.</param>
public sealed record GrpcRetryPolicy(
    long MaxRetries,
    Duration PerRetryTimeout,
    IReadOnlyList<string>? GrpcRetryEvents = null,
    IReadOnlyList<string>? HttpRetryEvents = null,
    IReadOnlyList<string>? TcpRetryEvents = null);
