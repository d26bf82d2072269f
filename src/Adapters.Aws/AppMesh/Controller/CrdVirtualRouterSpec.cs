using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>The controller's VirtualRouterSpec: the API's, with its routes inside.</summary>
/// <param name="AwsName">The App Mesh name.</param>
/// <param name="Listeners">As the API's.</param>
/// <param name="Routes">Its routes, in priority order.</param>
internal sealed record CrdVirtualRouterSpec(string AwsName, IReadOnlyList<VirtualRouterListener> Listeners, IReadOnlyList<CrdRoute> Routes) : CrdSpec;

/// <summary>The controller's Route: a name and the API's RouteSpec, targets referring to node custom resources.</summary>
/// <param name="Name">The App Mesh route name.</param>
/// <param name="Priority">As the API's.</param>
/// <param name="HttpRoute">For http listeners.</param>
/// <param name="TcpRoute">For tcp listeners.</param>
/// <param name="Http2Route">For http2 listeners.</param>
/// <param name="GrpcRoute">For grpc listeners.</param>
internal sealed record CrdRoute(string Name, int Priority, CrdHttpRoute? HttpRoute, CrdTcpRoute? TcpRoute, CrdHttpRoute? Http2Route, CrdGrpcRoute? GrpcRoute);

/// <summary>The controller's HTTPRoute.</summary>
/// <param name="Match">As the API's.</param>
/// <param name="Action">The split.</param>
/// <param name="RetryPolicy">As the API's.</param>
/// <param name="Timeout">As the API's.</param>
internal sealed record CrdHttpRoute(HttpRouteMatch Match, CrdRouteAction Action, HttpRetryPolicy? RetryPolicy, HttpTimeout Timeout);

/// <summary>The controller's GRPCRoute.</summary>
/// <param name="Match">As the API's.</param>
/// <param name="Action">The split.</param>
/// <param name="RetryPolicy">As the API's.</param>
/// <param name="Timeout">As the API's.</param>
internal sealed record CrdGrpcRoute(GrpcRouteMatch Match, CrdRouteAction Action, GrpcRetryPolicy? RetryPolicy, HttpTimeout Timeout);

/// <summary>The controller's TCPRoute.</summary>
/// <param name="Action">The split.</param>
/// <param name="Match">As the API's.</param>
internal sealed record CrdTcpRoute(CrdRouteAction Action, TcpRouteMatch? Match);

/// <summary>The controller's HTTPRouteAction, GRPCRouteAction and TCPRouteAction.</summary>
/// <param name="WeightedTargets">The split.</param>
internal sealed record CrdRouteAction(IReadOnlyList<CrdWeightedTarget> WeightedTargets);

/// <summary>The controller's WeightedTarget.</summary>
/// <param name="VirtualNodeRef">The node's custom resource.</param>
/// <param name="Weight">Its share.</param>
/// <param name="Port">As the API's.</param>
internal sealed record CrdWeightedTarget(CrdReference VirtualNodeRef, int Weight, int? Port);
