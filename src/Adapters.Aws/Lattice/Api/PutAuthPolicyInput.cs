namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>PutAuthPolicyRequest: the policy is a JSON string without newlines (CLI reference, put-auth-policy).</summary>
public sealed record PutAuthPolicyInput : LatticeInput
{
    /// <summary>The service (a placeholder until it exists).</summary>
    public required string ResourceIdentifier { get; init; }

    /// <summary>The IAM policy document, compact JSON.</summary>
    public required string Policy { get; init; }
}
