using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>
/// Desired (the rendering) against actual (what VPC Lattice holds): creates; updates with field-level
/// differences; deletes of what this mesh and site own that is no longer wanted; conflicts where a resource of
/// the same name is not meshfed's, or where a member that Lattice cannot change in place differs. Creates and
/// updates keep the rendering's order (dependency order); deletes run in reverse. Pure.
/// </summary>
public static class LatticePlanner
{
    /// <summary>The plan for <paramref name="desired"/> given <paramref name="actual"/>; no actions when they agree.</summary>
    public static LatticePlan Plan(IReadOnlyList<LatticeDesired> desired, IReadOnlyList<LatticeActual> actual, string mesh, string site)
    {
        var existing = new Dictionary<(LatticeResourceKind, string?, string), LatticeActual>();
        foreach (var resource in actual)
            existing.TryAdd((resource.Kind, resource.Parent, resource.Name), resource);
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in desired)
        {
            if (resource.Placeholder is { } placeholder && existing.TryGetValue(Key(resource), out var found) && found.IsOwnedBy(mesh, site))
                known[placeholder] = found.Id;
        }
        var upserts = new List<LatticePlanAction>();
        foreach (var resource in desired)
        {
            if (!existing.TryGetValue(Key(resource), out var found))
            {
                // A VPC has at most one service network association (docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html).
                var elsewhere = resource.Kind == LatticeResourceKind.ServiceNetworkVpcAssociation
                    ? actual.FirstOrDefault(a => a.Kind == resource.Kind && a.Name == resource.Name && a.Parent != resource.Parent && !a.IsOwnedBy(mesh, site))
                    : null;
                upserts.Add(elsewhere is null
                    ? Action(PlanActionKind.Create, resource, null)
                    : Action(PlanActionKind.Conflict, resource, elsewhere) with
                    {
                        Differences = [$"the VPC is associated with service network {elsewhere.Parent}, and a VPC can be associated with only one"],
                    });
                continue;
            }
            if (!found.IsOwnedBy(mesh, site))
            {
                upserts.Add(Action(PlanActionKind.Conflict, resource, found) with
                {
                    Differences = [$"exists and is not tagged meshfed.dev/managed-by=meshfed, meshfed.dev/mesh={mesh}, meshfed.dev/site={site}"],
                });
                continue;
            }
            var (drift, fixedDrift) = LatticeFieldDiff.Compare(resource, found, known);
            if (fixedDrift.Count > 0)
                upserts.Add(Action(PlanActionKind.Conflict, resource, found) with { Differences = [.. fixedDrift.Select(d => $"{d} (cannot change in place: delete the resource, then apply)"), .. drift] });
            else if (drift.Count > 0)
                upserts.Add(Action(PlanActionKind.Update, resource, found) with { Differences = drift });
        }
        var wanted = desired.Select(Key).ToHashSet();
        var deleted = actual.Where(a => !wanted.Contains((a.Kind, a.Parent, a.Name)) && a.IsOwnedBy(mesh, site) && a.Kind != LatticeResourceKind.Targets).ToList();
        var deletes = deleted
            .Where(a => !GoesWithItsParent(a, deleted))
            .Select(a => new LatticePlanAction { Action = PlanActionKind.Delete, Kind = a.Kind, Name = a.Name, Parent = a.Parent, Actual = a })
            .OrderByDescending(a => a.Kind)
            .ThenBy(a => a.Parent, StringComparer.Ordinal)
            .ThenBy(a => a.Name, StringComparer.Ordinal);
        return new LatticePlan([.. upserts, .. deletes], known);
    }

    /// <summary>
    /// Deleting a service deletes its listeners, rules and auth policy ("all resources related to the service …
    /// are also deleted", docs.aws.amazon.com/cli/latest/reference/vpc-lattice/delete-service.html); "When you delete
    /// a listener, all its rules are automatically deleted" (docs.aws.amazon.com/vpc-lattice/latest/ug/delete-listener.html).
    /// Those are not deleted one by one.
    /// </summary>
    private static bool GoesWithItsParent(LatticeActual resource, IReadOnlyList<LatticeActual> deleted)
    {
        bool Deleted(LatticeResourceKind kind, string? parent, string name) => deleted.Any(d => d.Kind == kind && d.Parent == parent && d.Name == name);
        return resource.Kind switch
        {
            LatticeResourceKind.Listener => Deleted(LatticeResourceKind.Service, null, resource.Parent!),
            LatticeResourceKind.AuthPolicy => Deleted(LatticeResourceKind.Service, null, resource.Name),
            LatticeResourceKind.Rule => resource.Parent!.Split('/') is [var service, var listener]
                && (Deleted(LatticeResourceKind.Service, null, service) || Deleted(LatticeResourceKind.Listener, service, listener)),
            _ => false,
        };
    }

    private static (LatticeResourceKind, string?, string) Key(LatticeDesired resource) => (resource.Kind, resource.Parent, resource.Name);

    private static LatticePlanAction Action(PlanActionKind kind, LatticeDesired desired, LatticeActual? actual) =>
        new() { Action = kind, Kind = desired.Kind, Name = desired.Name, Parent = desired.Parent, Desired = desired, Actual = actual };
}
