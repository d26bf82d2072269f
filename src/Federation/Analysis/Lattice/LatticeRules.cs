using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;
using PathMatch = MeshFed.Adapters.Aws.Lattice.Api.PathMatch;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>
/// The listener-rule hop: Lattice evaluates a listener's rules lowest priority first and the first whose match
/// holds takes the request; the default action takes the rest ("Listener rules for your VPC Lattice service",
/// docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html). A rule is reached only when no earlier rule
/// takes every request it would take.
/// </summary>
internal static class LatticeRules
{
    /// <summary>The action a listener applies to requests of the path's route (its rule's, or the default for a catch-all route), or null when the path stops.</summary>
    public static RuleAction? ForRoute(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, string service, LatticeInputOf<CreateListenerInput> listener)
    {
        var rules = context.LatticeOf(site).RulesOf(service, listener.Input.Name);
        if (path.Route.Match.IsCatchAll)
        {
            // A catch-all route becomes the default action; every rule before it only narrows what reaches it.
            trace.Step($"default action of {listener.Input.Name}");
            return listener.Input.DefaultAction;
        }
        var rule = rules.FirstOrDefault(r => r.Input.Name == path.Route.Name || r.Input.Name == FittedName(path));
        if (rule is null)
        {
            var said = context.Rendering.Of(site).Reported.Any(d => d.Message.Contains(listener.Input.Name, StringComparison.Ordinal) && d.Concept.Contains(path.Route.Name, StringComparison.Ordinal));
            var finding = context.Finding(AnalysisCodes.TargetNotRendered, hop, site, path.Service, path.Route, listener.Document,
                $"listener {listener.Input.Name} has no rule for route '{path.Route.Name}', so callers on {site} never take it (their requests fall to the next rule or the default action)",
                "Give the route a match Lattice can express (exact method, exact or prefix path, up to 5 exact or prefix headers), or let the callers on this site go without it.",
                said ? Model.Diagnostics.Severity.Warning : Model.Diagnostics.Severity.Error);
            if (said)
            {
                trace.Warn(finding);
                return null;
            }
            trace.Stop(finding);
            return null;
        }
        if (!Reached(context, path, trace, site, hop, rules, rule))
            return null;
        trace.Step($"rule {rule.Input.Name} (priority {rule.Input.Priority})");
        return rule.Input.Action;
    }

    /// <summary>
    /// The action for requests the meshfed gateway delivers pinned to the path's version (<c>x-meshfed-version</c>:
    /// the caller's side chose the version, docs/data-path.md): the pinned rule's, reached before any route rule
    /// could split the request again. Null when the path stops.
    /// </summary>
    public static RuleAction? ForPinned(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, string service, LatticeInputOf<CreateListenerInput> listener)
    {
        var rules = context.LatticeOf(site).RulesOf(service, listener.Input.Name);
        var pinned = rules.FirstOrDefault(r => PinnedVersion(r.Input) == path.Target.Version);
        if (pinned is null)
        {
            trace.Stop(context.Finding(AnalysisCodes.NoServingEntry, hop, site, path.Service, path.Target, listener.Document,
                $"listener {listener.Input.Name} has no rule for {DataPath.VersionHeader}: {path.Target.Version}, so the gateway's request is split again by the site's own routes (or answered by the default action)",
                $"Render a rule per local version, ahead of the routes, matching {DataPath.VersionHeader} exactly and forwarding to the version's target group."));
            return null;
        }
        // The gateway's request carries the caller's method, path and headers too: any earlier rule may take it.
        // Rules pinned to other versions never match it.
        var earlier = rules.Where(r => r.Input.Priority < pinned.Input.Priority && PinnedVersion(r.Input) is null && !SameForward(r.Input.Action, pinned.Input.Action)).ToList();
        if (earlier.Count > 0)
        {
            trace.Stop(context.Finding(AnalysisCodes.LatticeRuleShadowed, hop, site, path.Service, path.Target, earlier[0].Document,
                $"rule {earlier[0].Input.Name} (priority {earlier[0].Input.Priority}) comes before {pinned.Input.Name} (priority {pinned.Input.Priority}) and forwards elsewhere: requests the gateway pins to {path.Target.Version} that it matches are split again",
                "Give the pinned rules the lowest priorities of the listener, ahead of every route rule."));
            return null;
        }
        trace.Step($"rule {pinned.Input.Name} (priority {pinned.Input.Priority})");
        return pinned.Input.Action;
    }

    // Duplicate priorities are refused by CreateRule ("The priority must be unique within the listener", ConflictException);
    // an earlier rule whose every condition this rule's requests meet takes all of them.
    private static bool Reached(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop,
        IReadOnlyList<LatticeInputOf<CreateRuleInput>> rules, LatticeInputOf<CreateRuleInput> rule)
    {
        foreach (var earlier in rules.Where(r => r != rule && r.Input.Priority <= rule.Input.Priority))
        {
            var duplicate = earlier.Input.Priority == rule.Input.Priority;
            if (duplicate || Covers(earlier.Input.Match.HttpMatch, rule.Input.Match.HttpMatch))
            {
                return trace.Stop(context.Finding(AnalysisCodes.LatticeRuleShadowed, hop, site, path.Service, path.Route, rule.Document,
                    duplicate
                        ? $"rules {earlier.Input.Name} and {rule.Input.Name} share priority {rule.Input.Priority}: CreateRule refuses the second (a listener's priorities are unique)"
                        : $"rule {earlier.Input.Name} (priority {earlier.Input.Priority}) matches every request rule {rule.Input.Name} (priority {rule.Input.Priority}) matches, so route '{path.Route.Name}' is never taken",
                    "Order the rules as the manifest orders the routes, more specific first, one priority each."));
            }
        }
        return true;
    }

    // True when every request that meets `later` meets `earlier` too: each of earlier's conditions is implied by one of later's.
    private static bool Covers(HttpMatch earlier, HttpMatch later)
    {
        if (earlier.Method is { } method && !string.Equals(method, later.Method, StringComparison.Ordinal))
            return false;
        if (earlier.PathMatch is { } path && !PathCovers(path, later.PathMatch))
            return false;
        foreach (var header in earlier.HeaderMatches ?? [])
        {
            var implied = (later.HeaderMatches ?? []).Any(h => string.Equals(h.Name, header.Name, StringComparison.OrdinalIgnoreCase) && ValueCovers(header.Match, h.Match));
            if (!implied)
                return false;
        }
        return true;
    }

    private static bool PathCovers(PathMatch earlier, PathMatch? later)
    {
        if (later is null)
            return false;
        var value = later.Match.Exact ?? later.Match.Prefix;
        if (value is null)
            return false;
        var comparison = earlier.CaseSensitive && later.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return earlier.Match.Exact is { } exact
            ? later.Match.Exact is not null && string.Equals(exact, value, comparison)
            : earlier.Match.Prefix is { } prefix && value.StartsWith(prefix, comparison);
    }

    private static bool ValueCovers(HeaderMatchType earlier, HeaderMatchType later)
    {
        var value = later.Exact ?? later.Prefix;
        return value is not null && (earlier.Exact is { } exact ? later.Exact == exact
            : earlier.Prefix is { } prefix ? value.StartsWith(prefix, StringComparison.Ordinal)
            : earlier.Contains is { } part && later.Exact is not null && later.Exact.Contains(part, StringComparison.Ordinal));
    }

    private static bool SameForward(RuleAction a, RuleAction b) =>
        a.Forward is { } x && b.Forward is { } y && x.TargetGroups.Count == y.TargetGroups.Count &&
        x.TargetGroups.Zip(y.TargetGroups).All(p => p.First.TargetGroupIdentifier == p.Second.TargetGroupIdentifier && p.First.Weight == p.Second.Weight);

    // The version a rule is pinned to: an exact x-meshfed-version header match.
    private static string? PinnedVersion(CreateRuleInput rule) =>
        rule.Match.HttpMatch.HeaderMatches?.FirstOrDefault(h => string.Equals(h.Name, DataPath.VersionHeader, StringComparison.OrdinalIgnoreCase))?.Match.Exact;

    // A route name Lattice refuses as a rule name is fitted with a hash of its service, port and name (docs/lattice.md, Names).
    private static string FittedName(PathSpec path) =>
        LatticeNames.Fit(path.Route.Name, $"{path.Service.Namespace}/{path.Service.Name}/{path.Port.Port}/{path.Route.Name}", 63, "rule-");
}
