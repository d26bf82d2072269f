namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>RegisterTargetsRequest: for targets the manifest names (static IP endpoints).</summary>
public sealed record RegisterTargetsInput : LatticeInput
{
    /// <summary>The target group (a placeholder until it exists).</summary>
    public required string TargetGroupIdentifier { get; init; }

    /// <summary>1–100 targets.</summary>
    public required IReadOnlyList<Target> Targets { get; init; }
}

/// <summary>Target.</summary>
/// <param name="Id">The IP address.</param>
/// <param name="Port">The port, when it differs from the target group's.</param>
public sealed record Target(string Id, int? Port);
