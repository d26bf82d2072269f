using MeshFed.Federation.Analysis.Lattice;
using MeshFed.Model;
using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// <c>meshfed analyze</c>: walks every path of a rendered federation (each caller site × each visible
/// service × each request-aware port × each route target with weight &gt; 0 × each site that serves it) hop
/// by hop, and reports each broken path once, at the first hop where it stops.
/// </summary>
internal static class FederationAnalyzer
{
    /// <summary>Analyzes <paramref name="rendering"/> of <paramref name="mesh"/>; with <paramref name="site"/>, only paths that start or end there.</summary>
    public static AnalysisResult Analyze(FederatedMesh mesh, SourceMap sources, RenderedFederation rendering, string? site = null) =>
        Analyze(mesh, sources, rendering, site is null ? null : [site]);

    /// <summary>
    /// Analyzes <paramref name="rendering"/> of <paramref name="mesh"/> as deployed by <paramref name="modules"/>
    /// (this checkout's when null); with <paramref name="sites"/>, only paths that start or end on one of them.
    /// Without <paramref name="keepTable"/> the result's <see cref="AnalysisResult.Paths"/> is empty and no path's hops
    /// are written out; without <paramref name="keepWarnings"/> only the errors are (both for <c>render</c>'s gate,
    /// which reads only the errors); the errors are the same.
    /// </summary>
    public static AnalysisResult Analyze(FederatedMesh mesh, SourceMap sources, RenderedFederation rendering, IReadOnlyCollection<string>? sites,
        GatewayModules? modules = null, bool keepTable = true, bool keepWarnings = true)
    {
        // A table's warning column would miss what the skipped checks would have said.
        if (keepTable && !keepWarnings)
            throw new ArgumentException("a path table is kept only with its warnings", nameof(keepWarnings));
        var context = new AnalysisContext(mesh, sources, rendering, modules) { KeepsWarnings = keepWarnings };
        var findings = new FindingSet();
        foreach (var finding in DeploymentChecks.Run(context, sites).Where(f => (sites is null || sites.Contains(f.Site)) && (keepWarnings || f.Severity == Severity.Error)))
            findings.Add(finding, null);
        var rows = new List<PathRow>();
        foreach (var path in Paths(mesh, sites).Where(p => sites is null || sites.Contains(p.Caller.Name) || sites.Contains(p.Serving.Name)))
        {
            var id = path.Id;
            var trace = new PathTrace(id, recordsHops: keepTable);
            var walked = path.Caller.Mesh switch
            {
                MeshKind.AppMesh => AppMeshCallerHops.Walk(context, path, trace),
                MeshKind.VpcLattice => LatticeCallerHops.Walk(context, path, trace),
                _ => IstioCallerHops.Walk(context, path, trace),
            };
            if (walked && path.IsRemote)
                ServingHops.Walk(context, path, trace);
            if (trace.Broken is { } broken)
                findings.Add(broken, id);
            if (keepWarnings)
            {
                foreach (var warning in trace.Warnings)
                    findings.Add(warning, id);
            }
            if (!keepTable)
                continue;
            rows.Add(new PathRow($"{path.Service.Namespace}/{path.Service.Name}", path.Caller.Name, path.Port.Port, path.Route.Name,
                path.Target.Version, path.Serving.Name, path.Target.Weight, trace.Via,
                trace.Broken?.Code ?? PathStatus.Ok, [.. trace.Warnings.Select(w => w.Code).Distinct()]));
        }
        return new AnalysisResult(mesh.Name, findings.All(), rows);
    }

    /// <summary>Every path of the mesh, in manifest order.</summary>
    public static IEnumerable<PathSpec> Paths(FederatedMesh mesh) => Paths(mesh, null);

    // With sites, a caller outside them is walked only to services that run on one of them (its other paths neither
    // start nor end there, and Analyze would drop them): render --site reads about a third of the mesh's paths.
    private static IEnumerable<PathSpec> Paths(FederatedMesh mesh, IReadOnlyCollection<string>? sites)
    {
        foreach (var caller in mesh.Sites)
        {
            var callerKept = sites is null || sites.Contains(caller.Name);
            foreach (var service in mesh.Services.Where(s => s.IsVisibleFrom(caller.Name)))
            {
                if (!callerKept && !RunsOnAny(service, sites!))
                    continue;
                foreach (var port in service.Ports.Where(p => p.IsRequestAware))
                {
                    foreach (var route in service.EffectiveRoutes)
                    {
                        foreach (var target in route.To.Where(t => t.Weight > 0))
                        {
                            var resolved = ResolvedTarget.From(service, target, caller.Name);
                            IEnumerable<string> serving = !resolved.IsRemote ? [caller.Name]
                                : target.Site is { } pinned ? [pinned]
                                : service.Deployments.Where(d => d.Version == target.Version && d.Site != caller.Name).Select(d => d.Site).Distinct();
                            foreach (var site in serving)
                            {
                                if (mesh.FindSite(site) is { } servingSite)
                                    yield return new PathSpec(caller, service, port, route, target, resolved.IsRemote, servingSite);
                            }
                        }
                    }
                }
            }
        }
    }

    // Whether a path to the service can be served on one of sites: it is deployed there, or a route pins a target there
    // (the default routes pin none).
    private static bool RunsOnAny(Service service, IReadOnlyCollection<string> sites)
    {
        foreach (var deployment in service.Deployments)
        {
            if (sites.Contains(deployment.Site))
                return true;
        }
        foreach (var route in service.Traffic.Routes)
        {
            foreach (var target in route.To)
            {
                if (target.Site is { } pinned && sites.Contains(pinned))
                    return true;
            }
        }
        return false;
    }
}
