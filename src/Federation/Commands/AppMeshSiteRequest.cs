using MeshFed.Adapters.Aws.Lattice.Reconcile;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed command line of <c>meshfed plan</c> and <c>meshfed apply</c>.</summary>
public sealed record AppMeshSiteRequest
{
    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--site</c>: the App Mesh or VPC Lattice site, or null for the only one.</summary>
    public string? Site { get; init; }

    /// <summary><c>--endpoint-url</c>: another App Mesh endpoint than the region's, as written (checked when the session opens).</summary>
    public string? EndpointUrl { get; init; }

    /// <summary><c>--output json</c>.</summary>
    public bool Json { get; init; }

    /// <summary><c>--vpc-id</c>, <c>--certificate-arn</c>: what a VPC Lattice site's rendering leaves to apply.</summary>
    public LatticeApplyInputs Lattice { get; init; } = new();

    /// <summary><c>--finish-migration</c>, <c>--appmesh-endpoint-url</c>: a VPC Lattice site leaving App Mesh.</summary>
    public MigrationOptions Migration { get; init; } = new();
}
