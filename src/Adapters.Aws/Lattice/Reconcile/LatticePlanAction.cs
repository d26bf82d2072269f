using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Reconcile;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>One step of a Lattice plan, with the field-level differences that motivate an update or a refusal.</summary>
public sealed record LatticePlanAction : IPlanStep
{
    /// <summary>What to do.</summary>
    public required PlanActionKind Action { get; init; }

    /// <summary>The resource kind.</summary>
    public required LatticeResourceKind Kind { get; init; }

    /// <summary>The resource name.</summary>
    public required string Name { get; init; }

    /// <summary>Its parent.</summary>
    public string? Parent { get; init; }

    /// <summary>The desired resource (create, update, conflict).</summary>
    public LatticeDesired? Desired { get; init; }

    /// <summary>The existing resource (update, delete, conflict).</summary>
    public LatticeActual? Actual { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Differences { get; init; } = [];

    /// <inheritdoc/>
    public string KindName => Kind.ToString();

    /// <summary>The one-line form plan prints.</summary>
    public override string ToString()
    {
        var sign = Action switch { PlanActionKind.Create => "+", PlanActionKind.Update => "~", PlanActionKind.Delete => "-", _ => "!" };
        var where = Parent is null ? Name : $"{Parent}/{Name}";
        return $"{sign} {Action.ToString().ToLowerInvariant()} {Kind} {where}";
    }
}
