namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>CreateServiceNetworkVpcAssociationRequest: lets the site's VPC (its callers and gateway) reach the network's services.</summary>
public sealed record CreateServiceNetworkVpcAssociationInput : LatticeInput
{
    /// <summary>The service network (a placeholder until it exists).</summary>
    public required string ServiceNetworkIdentifier { get; init; }

    /// <summary>The site's VPC (an apply input).</summary>
    public required string VpcIdentifier { get; init; }

    /// <summary>Ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
