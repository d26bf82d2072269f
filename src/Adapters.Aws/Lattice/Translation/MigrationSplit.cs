using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Migration;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// The weighted shift of a site moving from App Mesh (<see cref="Site.Migration"/>; docs/migration.md): every forward of a
/// service that runs here gives <c>latticeWeight</c> percent to the Lattice target groups it already had, in their
/// proportions, and the rest to the group of the App Mesh ingress virtual gateway, where App Mesh routes it as before.
/// Lattice splits by the weights of a forward action's target groups ("Listener rules", "Forward action":
/// docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html); at 100 the action is exactly the unmigrated one.
/// </summary>
internal static class MigrationSplit
{
    public static RuleAction Apply(LatticeContext context, Service service, ServicePort port, TargetGroupTranslator targetGroups, RuleAction action)
    {
        if (context.Site.Migration is not { AppMeshServesTraffic: true } migration || action.Forward is not { } forward)
            return action;
        if (!MigrationIngress.CanReach(context.View, service))
        {
            context.Warn(service, "migration",
                $"not split between Lattice and App Mesh: the App Mesh ingress routes a service with several request-aware ports by the x-meshfed-port header, which Lattice cannot add; Lattice serves all of its requests (latticeWeight {migration.LatticeWeight} applies to the site's single-port services)");
            return action;
        }
        var lattice = Share(forward.TargetGroups, migration.LatticeWeight);
        return RuleAction.To([.. lattice, new WeightedTargetGroup(targetGroups.AppMeshIngress(port), SiteMigration.FullWeight - migration.LatticeWeight)]);
    }

    /// <summary>
    /// <paramref name="percent"/> spread over <paramref name="groups"/> in proportion to their weights, whole numbers by largest
    /// remainder (so the shares add up to exactly <paramref name="percent"/>); groups left with nothing are dropped.
    /// </summary>
    private static List<WeightedTargetGroup> Share(IReadOnlyList<WeightedTargetGroup> groups, int percent)
    {
        var total = groups.Sum(g => g.Weight);
        if (total == 0 || percent == 0)
            return [];
        var exact = groups.Select(g => (Group: g, Value: (decimal)g.Weight * percent / total)).ToList();
        var floors = exact.Select(e => (int)Math.Floor(e.Value)).ToArray();
        var left = percent - floors.Sum();
        foreach (var index in exact.Select((e, i) => (Remainder: e.Value - floors[i], Index: i)).OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(left))
            floors[index.Index]++;
        return [.. exact.Select((e, i) => e.Group with { Weight = floors[i] }).Where(g => g.Weight > 0)];
    }
}
