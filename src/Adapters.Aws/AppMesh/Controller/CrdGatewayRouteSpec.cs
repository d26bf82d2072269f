using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>The controller's GatewayRouteSpec.</summary>
/// <param name="AwsName">The App Mesh name.</param>
/// <param name="HttpRoute">For an http listener.</param>
/// <param name="Http2Route">For an http2 listener.</param>
internal sealed record CrdGatewayRouteSpec(string AwsName, CrdHttpGatewayRoute? HttpRoute, CrdHttpGatewayRoute? Http2Route) : CrdSpec;

/// <summary>The controller's HTTPGatewayRoute.</summary>
/// <param name="Match">As the API's.</param>
/// <param name="Action">The target.</param>
internal sealed record CrdHttpGatewayRoute(HttpGatewayRouteMatch Match, CrdHttpGatewayRouteAction Action);

/// <summary>The controller's HTTPGatewayRouteAction.</summary>
/// <param name="Target">The virtual service.</param>
internal sealed record CrdHttpGatewayRouteAction(CrdGatewayRouteTarget Target);

/// <summary>The controller's GatewayRouteTarget.</summary>
/// <param name="VirtualService">The virtual service.</param>
/// <param name="Port">As the API's.</param>
internal sealed record CrdGatewayRouteTarget(CrdGatewayRouteVirtualService VirtualService, int? Port);

/// <summary>The controller's GatewayRouteVirtualService.</summary>
/// <param name="VirtualServiceRef">The virtual service's custom resource.</param>
internal sealed record CrdGatewayRouteVirtualService(CrdReference VirtualServiceRef);
