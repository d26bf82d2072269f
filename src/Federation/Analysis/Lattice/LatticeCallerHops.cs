using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>
/// Hops 1 and 2 on a VPC Lattice caller site (docs/lattice-datapath.md): the caller resolves the service's name,
/// the Lattice service with that custom domain takes the request on the listener of its port, the first rule
/// that matches (or the default action) forwards it to a target group: the version's, for a version that runs
/// here, or the meshfed gateway's, which carries it to the other site (whose hops <see cref="ServingHops"/> walks).
/// </summary>
internal static class LatticeCallerHops
{
    public static bool Walk(AnalysisContext context, PathSpec path, PathTrace trace)
    {
        var site = path.Caller.Name;
        if (LatticeHops.Service(context, path, trace, site, Hop.CallerMesh, path.Service.Host) is not { } service ||
            LatticeHops.Listener(context, path, trace, site, Hop.CallerMesh, service) is not { } listener ||
            LatticeRules.ForRoute(context, path, trace, site, Hop.CallerMesh, service.Input.Name, listener) is not { } action)
            return false;
        var name = path.IsRemote
            ? LatticeAddressing.GatewayTargetGroupName(context.Mesh, path.Caller, path.Service, path.Port)
            : LatticeAddressing.VersionTargetGroupName(context.Mesh, path.Caller, path.Service, path.Target.Version, path.Port);
        if (Share(context, path, trace, site, Hop.Destination, action, name, listener.Document) is not { } group)
            return false;
        if (path.IsRemote)
            return LatticeHops.GatewayTargetGroup(context, path, trace, site, Hop.Destination, group);
        if (!LatticeHops.VersionTargetGroup(context, path, trace, site, Hop.Destination, group))
            return false;
        trace.Step($"{path.Service.Host}:{path.Port.Port} {path.Target.Version}");
        return true;
    }

    /// <summary>
    /// The target group <paramref name="name"/> that <paramref name="action"/> forwards a share to: a forward action
    /// splits by weight over at most 10 groups (Smithy model, WeightedTargetGroupList), a fixed response sends
    /// nowhere. Null when the path stops.
    /// </summary>
    public static LatticeInputOf<CreateTargetGroupInput>? Share(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop,
        RuleAction action, string name, RenderedDocument ruleDocument)
    {
        var identifier = LatticeRefs.TargetGroup(name);
        if (action.Forward?.TargetGroups.FirstOrDefault(t => t.TargetGroupIdentifier == identifier && t.Weight > 0) is null)
        {
            trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, hop, site, path.Service, path.Target, ruleDocument,
                action.FixedResponse is { } fixedResponse
                    ? $"the rule answers {fixedResponse.StatusCode} itself instead of forwarding {path.Target.Version}'s share to target group {name}"
                    : $"the rule forwards no share to target group {name} ({(path.IsRemote ? $"the gateway, for {path.Target.Version} on {path.Serving.Name}" : $"the local {path.Target.Version}")})",
                "Render again; the share disappeared."));
            return null;
        }
        if (context.LatticeOf(site).TargetGroup(identifier) is not { } group)
        {
            trace.Stop(context.Finding(AnalysisCodes.TargetNotRendered, hop, site, path.Service, path.Target, ruleDocument,
                $"the rule forwards to target group {name}, which no rendered CreateTargetGroup creates (the placeholder cannot be resolved, so the rule cannot be created)",
                $"Render the CreateTargetGroup of {name} before the rule."));
            return null;
        }
        return group;
    }
}
