namespace MeshFed.Federation.Commands;

/// <summary>What plan and apply take for a <c>vpc-lattice</c> site leaving App Mesh (docs/migration.md).</summary>
public sealed record MigrationOptions
{
    /// <summary><c>--finish-migration</c>: delete the site's App Mesh side after the Lattice changes.</summary>
    public bool Finish { get; init; }

    /// <summary><c>--appmesh-endpoint-url</c>: the App Mesh endpoint for the App Mesh side, as written (checked when the session opens).</summary>
    public string? AppMeshEndpointUrl { get; init; }
}
