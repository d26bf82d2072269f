using MeshFed.Adapters.Aws.AppMesh;

namespace MeshFed.Adapters.Aws.Client;

/// <summary>The REST paths of the App Mesh API (restJson1, version 2019-01-25).</summary>
public static class AppMeshPaths
{
    private const string Root = "/v20190125/meshes";

    /// <summary>The collection a kind's Create (PUT) and List (GET) use.</summary>
    public static string Collection(AppMeshResourceKind kind, string mesh, string? parent = null) => kind switch
    {
        AppMeshResourceKind.Mesh => Root,
        // Routes and gateway routes hang off their parent, spelled in the singular.
        AppMeshResourceKind.Route => $"{Root}/{Escape(mesh)}/virtualRouter/{Escape(Required(parent))}/routes",
        AppMeshResourceKind.GatewayRoute => $"{Root}/{Escape(mesh)}/virtualGateway/{Escape(Required(parent))}/gatewayRoutes",
        _ => $"{Root}/{Escape(mesh)}/{ListMember(kind)}",
    };

    /// <summary>The item path Describe (GET), Update (PUT) and Delete (DELETE) use.</summary>
    public static string Item(AppMeshResourceKind kind, string mesh, string name, string? parent = null) =>
        kind == AppMeshResourceKind.Mesh ? $"{Root}/{Escape(mesh)}" : $"{Collection(kind, mesh, parent)}/{Escape(name)}";

    /// <summary>The member of a List response that holds the items (<c>virtualNodes</c>, <c>routes</c>...).</summary>
    public static string ListMember(AppMeshResourceKind kind) => kind switch
    {
        AppMeshResourceKind.Mesh => "meshes",
        _ => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..] + "s",
    };

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Required(string? parent) => parent ?? throw new ArgumentException("routes need their parent's name");
}
