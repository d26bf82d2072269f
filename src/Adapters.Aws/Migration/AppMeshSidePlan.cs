using MeshFed.Adapters.Aws.AppMesh.Reconcile;

namespace MeshFed.Adapters.Aws.Migration;

/// <summary>The App Mesh steps of a migrating site, and what plan says about that side.</summary>
/// <param name="Steps">Creates and updates first, deletes last (each in the App Mesh planner's dependency order).</param>
/// <param name="Note">Why App Mesh is kept, or what finishing deletes.</param>
public sealed record AppMeshSidePlan(IReadOnlyList<PlanAction> Steps, string Note)
{
    /// <summary>Steps that must run before Lattice's: App Mesh must be ready to take the share Lattice hands it.</summary>
    public IReadOnlyList<PlanAction> Upserts => [.. Steps.Where(s => s.Action is PlanActionKind.Create or PlanActionKind.Update)];

    /// <summary>Steps that run last, after Lattice has stopped handing App Mesh anything.</summary>
    public IReadOnlyList<PlanAction> Deletes => [.. Steps.Where(s => s.Action == PlanActionKind.Delete)];
}
