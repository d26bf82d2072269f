using MeshFed.Model.Diagnostics;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Lattice;

/// <summary>Everything rendered for one VPC Lattice site.</summary>
public sealed record LatticeRendering
{
    /// <summary>The site.</summary>
    public required string Site { get; init; }

    /// <summary>The service network's name.</summary>
    public required string ServiceNetworkName { get; init; }

    /// <summary>The API calls in creation order.</summary>
    public required IReadOnlyList<LatticeResource> Resources { get; init; }

    /// <summary>
    /// The same service network, services, rules and policies as AWS Gateway API Controller objects for EKS
    /// (<c>gateway-api/</c>, in file order); empty when the site renders no service.
    /// </summary>
    public required IReadOnlyList<KubernetesObject> GatewayApi { get; init; }

    /// <summary>
    /// During a migration from App Mesh: the target groups through which Lattice hands services' App Mesh shares to the
    /// ingress virtual gateway (docs/migration.md), in creation order; empty when the site is not migrating or gives
    /// Lattice every request (<c>latticeWeight: 100</c>). The gateway's Terraform registers its tasks or pods in them.
    /// </summary>
    public required IReadOnlyList<Api.CreateTargetGroupInput> AppMeshIngressTargetGroups { get; init; }

    /// <summary>Concepts Lattice cannot express, each saying who enforces them instead or that they are lost.</summary>
    public required IReadOnlyList<TargetDiagnostic> Diagnostics { get; init; }

    /// <summary>Lattice limits and default quotas the mesh exceeds, positioned in the manifest: nothing is written while there are any.</summary>
    public required IReadOnlyList<Diagnostic> Errors { get; init; }
}
