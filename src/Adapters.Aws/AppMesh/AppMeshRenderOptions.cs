namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>Settings of a render that are about the AWS account, not the mesh.</summary>
public sealed record AppMeshRenderOptions
{
    /// <summary>Defaults.</summary>
    public static AppMeshRenderOptions Default { get; } = new();

    /// <summary>What a node may reach outside the mesh: ALLOW_ALL (App Mesh's default) or DROP_ALL.</summary>
    public string EgressFilter { get; init; } = "ALLOW_ALL";

    /// <summary>
    /// The App Mesh side of a site moving to VPC Lattice (docs/migration.md): the ingress virtual gateway routes the services
    /// Lattice hands their App Mesh share to (<see cref="Migration.MigrationIngress"/>), not those served to other sites,
    /// whose requests the meshfed gateway now delivers into Lattice.
    /// </summary>
    public bool LatticeMigration { get; init; }
}
