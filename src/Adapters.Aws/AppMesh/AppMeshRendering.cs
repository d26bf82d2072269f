using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>Everything rendered for one App Mesh site.</summary>
public sealed record AppMeshRendering
{
    /// <summary>The site.</summary>
    public required string Site { get; init; }

    /// <summary>The App Mesh mesh name (the federation's name).</summary>
    public required string MeshName { get; init; }

    /// <summary>The resources in creation order (mesh, nodes, routers, routes, services), names sorted within a kind.</summary>
    public required IReadOnlyList<AppMeshResource> Resources { get; init; }

    /// <summary>
    /// Request-aware services visible here that run only on other sites: callers still need their names to
    /// resolve (the controller rendering gives each a selectorless Service).
    /// </summary>
    public IReadOnlyList<Service> RemoteOnlyServices { get; init; } = [];

    /// <summary>Concepts App Mesh cannot express; the meshfed gateway enforces them.</summary>
    public required IReadOnlyList<TargetDiagnostic> Diagnostics { get; init; }
}
