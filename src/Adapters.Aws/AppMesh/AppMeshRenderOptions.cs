namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>Settings of a render that are about the AWS account, not the mesh.</summary>
public sealed record AppMeshRenderOptions
{
    /// <summary>Defaults.</summary>
    public static AppMeshRenderOptions Default { get; } = new();

    /// <summary>What a node may reach outside the mesh: ALLOW_ALL (App Mesh's default) or DROP_ALL.</summary>
    public string EgressFilter { get; init; } = "ALLOW_ALL";
}
