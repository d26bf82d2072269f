namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>
/// The input of a Create operation as <c>aws appmesh create-&lt;kind&gt; --cli-input-json</c> and the SDKs take
/// it (API shapes CreateMeshInput … CreateGatewayRouteInput): the mesh, the parent router or gateway, the
/// resource's own name in its kind's member, its spec and its tags. Only the members of its kind are set,
/// and they come out in the order <c>meshName</c>, parent, own name, spec, tags.
/// </summary>
/// <param name="MeshName">The mesh.</param>
/// <param name="VirtualRouterName">A route's router, or a router's own name.</param>
/// <param name="VirtualGatewayName">A gateway route's gateway, or a gateway's own name.</param>
/// <param name="RouteName">A route's name.</param>
/// <param name="GatewayRouteName">A gateway route's name.</param>
/// <param name="VirtualNodeName">A node's name.</param>
/// <param name="VirtualServiceName">A virtual service's name.</param>
/// <param name="Spec">The spec.</param>
/// <param name="Tags">Ownership tags.</param>
public sealed record CreateInput(
    string MeshName,
    string? VirtualRouterName,
    string? VirtualGatewayName,
    string? RouteName,
    string? GatewayRouteName,
    string? VirtualNodeName,
    string? VirtualServiceName,
    AppMeshSpec Spec,
    IReadOnlyList<TagRef> Tags)
{
    /// <summary>The input creating <paramref name="resource"/> in <paramref name="meshName"/>.</summary>
    public static CreateInput Of(AppMeshResource resource, string meshName)
    {
        var (kind, name, parent) = (resource.Kind, resource.Name, resource.RouterName);
        return new CreateInput(
            meshName,
            VirtualRouterName: kind == AppMeshResourceKind.VirtualRouter ? name : kind == AppMeshResourceKind.Route ? parent : null,
            VirtualGatewayName: kind == AppMeshResourceKind.VirtualGateway ? name : kind == AppMeshResourceKind.GatewayRoute ? parent : null,
            RouteName: kind == AppMeshResourceKind.Route ? name : null,
            GatewayRouteName: kind == AppMeshResourceKind.GatewayRoute ? name : null,
            VirtualNodeName: kind == AppMeshResourceKind.VirtualNode ? name : null,
            VirtualServiceName: kind == AppMeshResourceKind.VirtualService ? name : null,
            resource.Spec,
            [.. resource.Tags.Select(t => new TagRef(t.Key, t.Value))]);
    }
}

/// <summary>API shape TagRef.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
public sealed record TagRef(string Key, string Value);
