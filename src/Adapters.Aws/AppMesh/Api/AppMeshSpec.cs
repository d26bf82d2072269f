using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>
/// The spec of one App Mesh resource as the API takes it (App Mesh API 2019-01-25, restJson1: MeshSpec,
/// VirtualNodeSpec, VirtualRouterSpec, RouteSpec, VirtualServiceSpec, VirtualGatewaySpec, GatewayRouteSpec).
/// The derived types are listed without a discriminator, so a spec serialises as exactly its own members.
/// </summary>
/// <remarks>
/// Member names are the API's; members are declared in the order meshfed has always written them (the
/// rendered files are byte-stable), which is not always the model's order. Members meshfed never sets are
/// left out rather than modelled unused.
/// </remarks>
[JsonDerivedType(typeof(MeshSpec))]
[JsonDerivedType(typeof(VirtualNodeSpec))]
[JsonDerivedType(typeof(VirtualRouterSpec))]
[JsonDerivedType(typeof(RouteSpec))]
[JsonDerivedType(typeof(VirtualServiceSpec))]
[JsonDerivedType(typeof(VirtualGatewaySpec))]
[JsonDerivedType(typeof(GatewayRouteSpec))]
public abstract record AppMeshSpec
{
    /// <summary>The kind of resource this spec belongs to.</summary>
    [JsonIgnore]
    public abstract AppMeshResourceKind Kind { get; }
}
