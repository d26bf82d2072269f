using MeshFed.Adapters.Aws.Reconcile;

namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>What apply does to one resource.</summary>
public enum PlanActionKind
{
    /// <summary>Create it.</summary>
    Create,
    /// <summary>Replace its spec.</summary>
    Update,
    /// <summary>Delete it (owned by this mesh and site, no longer wanted).</summary>
    Delete,
    /// <summary>A resource of that name exists and is not meshfed's: apply refuses to touch it.</summary>
    Conflict,
}

/// <summary>One step of a plan, with the field-level differences that motivate an update.</summary>
public sealed record PlanAction : IPlanStep
{
    /// <summary>What to do.</summary>
    public required PlanActionKind Action { get; init; }

    /// <summary>The resource kind.</summary>
    public required AppMeshResourceKind Kind { get; init; }

    /// <summary>The resource name.</summary>
    public required string Name { get; init; }

    /// <summary>Parent router or gateway.</summary>
    public string? Parent { get; init; }

    /// <summary>The desired resource (create, update).</summary>
    public AppMeshResource? Desired { get; init; }

    /// <summary>For updates: <c>path: old → new</c> per differing field.</summary>
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
