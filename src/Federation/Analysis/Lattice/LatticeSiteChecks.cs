using System.Text;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Lattice.Translation;
using MeshFed.Model;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>
/// Checks of a VPC Lattice site that need no request: files the API would refuse (not a valid input, a quota
/// exceeded) and ports Lattice cannot carry. Quotas are the defaults of "Quotas for Amazon VPC Lattice"
/// (docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html) and the Smithy model's fixed limits
/// (<see cref="LatticeLimits"/>): a raised quota is not visible from the rendering.
/// </summary>
internal static class LatticeSiteChecks
{
    public static IEnumerable<AnalysisFinding> Run(AnalysisContext context, Site site)
    {
        var lattice = context.LatticeOf(site.Name);
        foreach (var unreadable in lattice.Unreadable)
        {
            yield return context.Finding(AnalysisCodes.LatticeInputInvalid, Hop.Deployment, site.Name, null, site, unreadable.Document,
                $"{unreadable.Document.File} is not a valid {unreadable.Document.Kind} input ({unreadable.Reason}): aws vpc-lattice and meshfed apply refuse it, and every resource after it that names it",
                "Render the site again (meshfed render --target vpc-lattice); do not edit the files by hand.");
        }
        foreach (var finding in TcpPorts(context, site))
            yield return finding;
        foreach (var finding in Quotas(context, site, lattice))
            yield return finding;
    }

    // Lattice listens HTTP, HTTPS or TLS passthrough ("Listeners for your VPC Lattice service",
    // docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html) and the meshfed gateway has no TCP pass-through:
    // callers on the site reach a TCP port through nothing.
    private static IEnumerable<AnalysisFinding> TcpPorts(AnalysisContext context, Site site)
    {
        foreach (var service in context.Mesh.Services.Where(s => s.IsVisibleFrom(site.Name)))
        {
            foreach (var port in service.Ports.Where(p => LatticeAddressing.Listener(p) is null))
            {
                yield return context.Finding(AnalysisCodes.LatticeTcpPort, Hop.CallerMesh, site.Name, service, port, null,
                    $"{service.Host}:{port.Port} is {WireNames<ServiceProtocol>.Of(port.Protocol)}, and {site.Name}'s mesh is VPC Lattice, which has no plaintext TCP listener (and the meshfed gateway no TCP pass-through): callers on {site.Name} cannot reach it",
                    $"Serve the port as http, http2 or grpc, or leave {site.Name} out of the service's exportTo (and its deployments) so no caller there depends on it.");
            }
        }
    }


    private static IEnumerable<AnalysisFinding> Quotas(AnalysisContext context, Site site, LatticeSiteInputs lattice)
    {
        foreach (var service in lattice.Services)
        {
            var declared = context.Mesh.FindServiceByHost(service.Input.CustomDomainName);
            AnalysisFinding Exceeds(RenderedDocument document, string what, string fix) =>
                context.Finding(AnalysisCodes.LatticeQuota, Hop.Deployment, site.Name, declared, declared, document,
                    $"Lattice service {service.Input.Name}: {what}, so the API refuses the call (ServiceQuotaExceededException or ValidationException) and the service is left half made", fix);
            var listeners = lattice.ListenersOf(service.Input.Name);
            if (listeners.Count > LatticeLimits.ListenersPerService)
                yield return Exceeds(listeners[LatticeLimits.ListenersPerService].Document, $"{listeners.Count} listeners, and the default quota 'Listeners per service' is {LatticeLimits.ListenersPerService}",
                    "Serve the extra ports as a separate service, or ask AWS to raise the quota.");
            var groups = new HashSet<string>(StringComparer.Ordinal);
            foreach (var listener in listeners)
            {
                var rules = lattice.RulesOf(service.Input.Name, listener.Input.Name);
                if (rules.Count > LatticeLimits.RulesPerListener)
                    yield return Exceeds(rules[LatticeLimits.RulesPerListener].Document, $"listener {listener.Input.Name} has {rules.Count} rules, and the default quota 'Rules per listener' is {LatticeLimits.RulesPerListener}",
                        "Merge routes with the same targets, or ask AWS to raise the quota.");
                foreach (var (document, action, priority) in rules.Select(r => (r.Document, r.Input.Action, (int?)r.Input.Priority)).Prepend((listener.Document, listener.Input.DefaultAction, null)))
                {
                    if (priority > LatticeLimits.MaxRulePriority)
                        yield return Exceeds(document, $"a rule has priority {priority}, above the highest the API takes ({LatticeLimits.MaxRulePriority})", "Render fewer rules on the listener.");
                    var split = action.Forward?.TargetGroups ?? [];
                    if (split.Count > LatticeLimits.MaxWeightedTargetGroups)
                        yield return Exceeds(document, $"a forward action splits over {split.Count} target groups, and the API takes at most {LatticeLimits.MaxWeightedTargetGroups}",
                            "Split the traffic in two steps (a header-matched route for some versions), or run fewer versions at a time on this site.");
                    groups.UnionWith(split.Select(t => t.TargetGroupIdentifier));
                }
            }
            if (groups.Count > LatticeLimits.TargetGroupsPerService)
                yield return Exceeds(service.Document, $"its listeners use {groups.Count} target groups, and the default quota 'Target groups per service' is {LatticeLimits.TargetGroupsPerService}",
                    "Run fewer versions at a time on this site, or ask AWS to raise the quota.");
            if (lattice.AuthPolicyOf(service.Input.Name) is { } policy && Encoding.UTF8.GetByteCount(policy.Input.Policy) > LatticeLimits.AuthPolicyBytes)
                yield return Exceeds(policy.Document, $"its auth policy is {Encoding.UTF8.GetByteCount(policy.Input.Policy)} bytes, and the quota 'Auth policy size' is {LatticeLimits.AuthPolicyBytes} (not adjustable)",
                    "Name fewer callers, methods or paths in the service's allow rules, or merge rules with the same callers.");
        }
    }
}
