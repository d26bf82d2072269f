namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>CreateServiceNetworkRequest.</summary>
public sealed record CreateServiceNetworkInput : LatticeInput
{
    /// <summary>3–63 characters.</summary>
    public required string Name { get; init; }

    /// <summary>The network's own auth type.</summary>
    public required AuthType AuthType { get; init; }

    /// <summary>Ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
