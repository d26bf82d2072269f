using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A gateway route (API shape GatewayRouteSpec): one route of the gateway listener's protocol.</summary>
/// <param name="HttpRoute">For an http listener.</param>
/// <param name="Http2Route">For an http2 listener (API shape HttpGatewayRoute).</param>
public sealed record GatewayRouteSpec(HttpGatewayRoute? HttpRoute = null, HttpGatewayRoute? Http2Route = null) : AppMeshSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override AppMeshResourceKind Kind => AppMeshResourceKind.GatewayRoute;
}

/// <summary>API shape HttpGatewayRoute.</summary>
/// <param name="Match">Which requests.</param>
/// <param name="Action">Where they go.</param>
public sealed record HttpGatewayRoute(HttpGatewayRouteMatch Match, HttpGatewayRouteAction Action);

/// <summary>API shape HttpGatewayRouteMatch (the members meshfed sets).</summary>
/// <param name="Prefix">A path prefix.</param>
/// <param name="Hostname">The Host.</param>
/// <param name="Headers">Header matches (HttpGatewayRouteHeader).</param>
public sealed record HttpGatewayRouteMatch(string Prefix, GatewayRouteHostnameMatch Hostname, IReadOnlyList<HttpRouteHeader>? Headers = null);

/// <summary>API shape GatewayRouteHostnameMatch (meshfed matches exactly).</summary>
/// <param name="Exact">The host.</param>
public sealed record GatewayRouteHostnameMatch(string Exact);

/// <summary>API shape HttpGatewayRouteAction.</summary>
/// <param name="Target">The virtual service.</param>
public sealed record HttpGatewayRouteAction(GatewayRouteTarget Target);

/// <summary>API shape GatewayRouteTarget.</summary>
/// <param name="VirtualService">The virtual service.</param>
/// <param name="Port">Its router's listener port (several listeners only).</param>
public sealed record GatewayRouteTarget(GatewayRouteVirtualService VirtualService, int? Port = null);

/// <summary>API shape GatewayRouteVirtualService.</summary>
/// <param name="VirtualServiceName">The virtual service's name.</param>
public sealed record GatewayRouteVirtualService(string VirtualServiceName);
