namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>
/// Desired (the rendering) against actual (what App Mesh holds): creates, updates with field-level
/// differences, deletes of resources this mesh and site own that are no longer wanted, and conflicts where
/// a resource of the same name is not meshfed's. Creates and updates run in dependency order (mesh, nodes,
/// routers, routes, services, gateway, gateway routes); deletes in reverse. Pure.
/// </summary>
public static class AppMeshPlanner
{
    /// <summary>The plan for <paramref name="rendering"/> given <paramref name="actual"/>; empty when they agree.</summary>
    public static IReadOnlyList<PlanAction> Plan(AppMeshRendering rendering, IReadOnlyList<ActualResource> actual)
    {
        var existing = actual.ToDictionary(a => (a.Kind, a.Parent, a.Name));
        var wanted = new HashSet<(AppMeshResourceKind, string?, string)>();
        var upserts = new List<PlanAction>();
        foreach (var desired in rendering.Resources)
        {
            var key = (desired.Kind, desired.RouterName, desired.Name);
            wanted.Add(key);
            if (!existing.TryGetValue(key, out var found))
            {
                upserts.Add(Action(PlanActionKind.Create, desired));
                continue;
            }
            if (!found.IsOwnedBy(rendering.MeshName, rendering.Site))
            {
                // The mesh itself may be shared with resources meshfed does not manage; only its spec is ours to keep.
                upserts.Add(Action(PlanActionKind.Conflict, desired));
                continue;
            }
            var differences = SpecDiff.Compare(desired.Spec, found.Spec);
            if (differences.Count > 0)
                upserts.Add(Action(PlanActionKind.Update, desired) with { Differences = differences });
        }
        var deletes = actual
            .Where(a => !wanted.Contains((a.Kind, a.Parent, a.Name)) && a.IsOwnedBy(rendering.MeshName, rendering.Site))
            .Select(a => new PlanAction { Action = PlanActionKind.Delete, Kind = a.Kind, Name = a.Name, Parent = a.Parent })
            .OrderByDescending(a => a.Kind)
            .ThenBy(a => a.Parent, StringComparer.Ordinal)
            .ThenBy(a => a.Name, StringComparer.Ordinal);
        return [.. upserts.OrderBy(a => a.Kind), .. deletes];
    }

    private static PlanAction Action(PlanActionKind kind, AppMeshResource desired) =>
        new() { Action = kind, Kind = desired.Kind, Name = desired.Name, Parent = desired.RouterName, Desired = desired };
}
