namespace MeshFed.Model;

/// <summary>
/// An AWS site on its way from App Mesh to VPC Lattice (<c>sites[].migration</c>): both meshes hold the site while it
/// lasts, and Lattice splits what reaches it between its own targets and the App Mesh side (docs/migration.md).
/// </summary>
public sealed record SiteMigration
{
    /// <summary>The only mesh a site migrates from, as the manifest spells it.</summary>
    public const string FromAppMesh = "appmesh";

    /// <summary>The mesh the site leaves: App Mesh (the only one meshfed migrates from).</summary>
    public MeshKind From { get; init; } = MeshKind.AppMesh;

    /// <summary>
    /// Percent (0–100) of the requests reaching the site's Lattice services that Lattice's own targets serve; the rest
    /// goes on to App Mesh through the site's ingress virtual gateway. 0 is a full rollback, 100 the end of the shift.
    /// </summary>
    public required int LatticeWeight { get; init; }

    /// <summary>The largest weight: everything served by Lattice.</summary>
    public const int FullWeight = 100;

    /// <summary>True while App Mesh still serves a share of what reaches Lattice.</summary>
    public bool AppMeshServesTraffic => LatticeWeight < FullWeight;
}
