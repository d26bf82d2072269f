using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// The rules of one listener, in priority order (1 first; "Listener rules", docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html):
/// first the pinned rules for requests other sites' gateways bring (<c>x-meshfed-version</c> names the version their
/// side chose), then one rule per manifest route until the first catch-all route, which becomes the listener's
/// default action. Without a catch-all the default action answers 404, as a mesh does for a request no route takes.
/// </summary>
internal static class ListenerRuleTranslator
{
    public static (RuleAction Default, IReadOnlyList<(string Name, HttpMatch Match, RuleAction Action)> Rules) Translate(
        LatticeContext context, Service service, ServicePort port, TargetGroupTranslator targetGroups)
    {
        if (!context.View.RunsHere(service))
        {
            // Every share is on another site: the meshfed gateway evaluates the routes (regex and query matches,
            // retries, timeouts included) and pins the site and version on its way out.
            return (RuleAction.To([new WeightedTargetGroup(targetGroups.Gateway(port), 100)]), []);
        }
        var rules = new List<(string, HttpMatch, RuleAction)>();
        if (context.View.ServedToOtherSites(service))
        {
            foreach (var version in context.View.LocalVersions(service))
            {
                var pin = new HttpMatch { HeaderMatches = [new Api.HeaderMatch(DataPath.VersionHeader, new HeaderMatchType { Exact = version }, CaseSensitive: true)] };
                // The pin travels on to App Mesh with the request, whose routes honour it too (RouterTranslator).
                var pinned = RuleAction.To([new WeightedTargetGroup(targetGroups.Version(version, port), 100)]);
                rules.Add((RuleName($"meshfed-pinned-{version}", service, port), pin, MigrationSplit.Apply(context, service, port, targetGroups, pinned)));
            }
        }
        var defaultAction = RuleAction.Status(404);
        foreach (var route in service.EffectiveRoutes)
        {
            var action = MigrationSplit.Apply(context, service, port, targetGroups, Forward(context, service, route, port, targetGroups));
            if (route.Match.IsCatchAll)
            {
                defaultAction = action;
                break;
            }
            if (RuleMatchTranslator.Translate(route.Match, out var refusal) is not { } match)
            {
                context.Warn(service, $"traffic.routes[{route.Name}]",
                    $"not rendered on Lattice listener {LatticeAddressing.Listener(port)!.Name}: {refusal}. Requests from callers on this site that it would take fall through to the next rule (its routing is lost for them); requests from other sites are routed by their side, which evaluates the full match, and arrive pinned");
                continue;
            }
            rules.Add((RuleName(route.Name, service, port), match, action));
        }
        return (defaultAction, rules);
    }

    /// <summary>
    /// A route's weighted target groups: each local version's group keeps its weight; the shares on other sites are
    /// summed onto the gateway's group, and the gateway splits them (Lattice cannot set the headers that pin them).
    /// </summary>
    private static RuleAction Forward(LatticeContext context, Service service, Route route, ServicePort port, TargetGroupTranslator targetGroups)
    {
        var weights = new List<WeightedTargetGroup>();
        foreach (var target in route.To.Where(t => t.Weight > 0))
        {
            var resolved = context.View.Resolve(service, target);
            var group = resolved.IsRemote ? targetGroups.Gateway(port) : targetGroups.Version(resolved.Version, port);
            var existing = weights.FindIndex(w => w.TargetGroupIdentifier == group);
            if (existing >= 0)
                weights[existing] = weights[existing] with { Weight = weights[existing].Weight + resolved.Weight };
            else
                weights.Add(new WeightedTargetGroup(group, resolved.Weight));
        }
        if (weights.Count > LatticeLimits.MaxWeightedTargetGroups)
        {
            context.Error(route, ".to", LatticeContext.FallbackPath(service) + $".traffic.routes[{route.Name}]",
                $"route '{route.Name}' splits over {weights.Count} Lattice target groups on site '{context.Site.Name}'; a Lattice forward action takes at most {LatticeLimits.MaxWeightedTargetGroups}",
                "Split the traffic in two steps (a header-matched route for some versions), or run fewer versions at a time on this site.");
        }
        return RuleAction.To(weights);
    }

    /// <summary>A rule name (3–63 characters, not starting with <c>rule-</c>): the route's name where Lattice takes it.</summary>
    private static string RuleName(string name, Service service, ServicePort port) =>
        LatticeNames.IsValid(name, 3, 63, "rule-") ? name : LatticeNames.Fit(name, $"{service.Namespace}/{service.Name}/{port.Port}/{name}", 63, "rule-");
}
