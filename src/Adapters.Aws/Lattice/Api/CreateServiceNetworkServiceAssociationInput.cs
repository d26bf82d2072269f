namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>CreateServiceNetworkServiceAssociationRequest: puts a service into the mesh's service network.</summary>
public sealed record CreateServiceNetworkServiceAssociationInput : LatticeInput
{
    /// <summary>The service (a placeholder until it exists).</summary>
    public required string ServiceIdentifier { get; init; }

    /// <summary>The service network (a placeholder until it exists).</summary>
    public required string ServiceNetworkIdentifier { get; init; }

    /// <summary>Ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
