using MeshFed.Adapters.Aws.AppMesh.Reconcile;

namespace MeshFed.Adapters.Aws.Reconcile;

/// <summary>One step of a plan as plan prints it, whichever API it is for (App Mesh, VPC Lattice).</summary>
public interface IPlanStep
{
    /// <summary>What apply does.</summary>
    PlanActionKind Action { get; }

    /// <summary>The resource kind, as the API names it.</summary>
    string KindName { get; }

    /// <summary>The resource's name.</summary>
    string Name { get; }

    /// <summary>Its parent, when its name is unique only under one.</summary>
    string? Parent { get; }

    /// <summary>For updates: <c>path: actual → desired</c> per differing field; for conflicts: why apply refuses.</summary>
    IReadOnlyList<string> Differences { get; }
}
