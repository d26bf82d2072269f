using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A mesh (API shape MeshSpec).</summary>
/// <param name="EgressFilter">What a node may reach outside the mesh.</param>
public sealed record MeshSpec(EgressFilter EgressFilter) : AppMeshSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override AppMeshResourceKind Kind => AppMeshResourceKind.Mesh;
}

/// <summary>API shape EgressFilter.</summary>
/// <param name="Type"><c>ALLOW_ALL</c> or <c>DROP_ALL</c>.</param>
public sealed record EgressFilter(string Type);
