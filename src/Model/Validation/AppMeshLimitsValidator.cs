using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>
/// Checks, for every service an App Mesh site renders (it runs there or is exported there), the limits App
/// Mesh would otherwise reject at apply time. Concepts App Mesh cannot express at all (authorization, JWT,
/// load-balancer choice) are not errors: the AWS adapter reports them and the gateway enforces them.
/// </summary>
internal sealed class AppMeshLimitsValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        var appMeshSites = context.Mesh.Sites.Where(s => s.Mesh == MeshKind.AppMesh).ToList();
        foreach (var site in appMeshSites)
        {
            var visible = context.Mesh.Services.Where(s => s.IsVisibleFrom(site.Name)).ToList();
            CheckQuotas(context, site, visible);
        }
        foreach (var service in context.Mesh.Services.Where(s => appMeshSites.Any(site => s.IsVisibleFrom(site.Name))))
        {
            var site = appMeshSites.First(a => service.IsVisibleFrom(a.Name));
            CheckRoutes(context, service, site);
        }
        CheckDiscovery(context);
    }

    private static void CheckRoutes(ValidationContext context, Service service, Site site)
    {
        var routes = service.Traffic.Routes;
        var servicePath = context.Sources.PathOf(service);
        var why = $"App Mesh (site '{site.Name}')";
        if (routes.Count > AppMeshLimits.MaxRoutePriority + 1)
        {
            context.Error(DiagnosticCodes.AppMeshLimit, servicePath + ".traffic.routes",
                $"service '{service.Name}' has {routes.Count} routes; {why} takes priorities 0–{AppMeshLimits.MaxRoutePriority}, so at most {AppMeshLimits.MaxRoutePriority + 1}",
                "Merge routes with the same targets.");
        }
        else if (routes.Count > AppMeshLimits.RoutesPerRouterQuota)
        {
            context.Warning(DiagnosticCodes.QuotaWarning, servicePath + ".traffic.routes",
                $"service '{service.Name}' has {routes.Count} routes; {why} allows {AppMeshLimits.RoutesPerRouterQuota} per router unless the quota is raised",
                "Ask AWS to raise 'Routes per virtual router', or merge routes.");
        }
        foreach (var route in routes)
        {
            var path = context.Sources.PathOf(route);
            if (route.To.Count > AppMeshLimits.MaxWeightedTargets)
            {
                context.Error(DiagnosticCodes.AppMeshLimit, path + ".to",
                    $"route '{route.Name}' has {route.To.Count} targets; {why} allows at most {AppMeshLimits.MaxWeightedTargets} weighted targets per route",
                    "Split the traffic in two steps: a route matching a header for some versions, or fewer versions at a time.");
            }
            if (route.Match.Headers.Count > AppMeshLimits.MaxHeaderMatches)
            {
                context.Error(DiagnosticCodes.AppMeshLimit, path + ".match.headers",
                    $"route '{route.Name}' matches {route.Match.Headers.Count} headers; {why} allows at most {AppMeshLimits.MaxHeaderMatches}",
                    "Match fewer headers; combine conditions into one regex on a single header where possible.");
            }
            if (route.Match.QueryParams.Count > AppMeshLimits.MaxQueryParameterMatches)
            {
                context.Error(DiagnosticCodes.AppMeshLimit, path + ".match.queryParams",
                    $"route '{route.Name}' matches {route.Match.QueryParams.Count} query parameters; {why} allows at most {AppMeshLimits.MaxQueryParameterMatches}",
                    "Match fewer query parameters.");
            }
            foreach (var query in route.Match.QueryParams.Where(q => q.Match.Kind != StringMatchKind.Exact))
            {
                context.Error(DiagnosticCodes.AppMeshLimit, $"{path}.match.queryParams.{query.Name}",
                    $"{why} matches query parameters by exact value only, not by {WireNames<StringMatchKind>.Of(query.Match.Kind)}",
                    "Use { exact: ... } for query parameters, or match a header instead.");
            }
            if (route.Match.Path is { } pathMatch && pathMatch.Value.Length > AppMeshLimits.MaxPathMatchLength)
            {
                context.Error(DiagnosticCodes.AppMeshLimit, path + ".match",
                    $"the path match of route '{route.Name}' is {pathMatch.Value.Length} characters; {why} allows {AppMeshLimits.MaxPathMatchLength}",
                    "Shorten it, e.g. match a shorter prefix.");
            }
        }
    }

    private static void CheckQuotas(ValidationContext context, Site site, IReadOnlyList<Service> visible)
    {
        var sitePath = context.Sources.PathOf(site);
        if (visible.Count > AppMeshLimits.VirtualServicesPerMeshQuota)
        {
            context.Warning(DiagnosticCodes.QuotaWarning, sitePath,
                $"site '{site.Name}' renders {visible.Count} virtual services; App Mesh allows {AppMeshLimits.VirtualServicesPerMeshQuota} per mesh unless the quota is raised",
                "Ask AWS to raise 'Virtual services per mesh', or narrow exportTo.");
        }
        // One virtual node per version seen from the site (local versions, and remote ones through the gateway).
        var nodes = visible.Sum(s => s.Versions.Count);
        if (nodes > AppMeshLimits.VirtualNodesPerMeshQuota)
        {
            context.Warning(DiagnosticCodes.QuotaWarning, sitePath,
                $"site '{site.Name}' renders about {nodes} virtual nodes; App Mesh allows {AppMeshLimits.VirtualNodesPerMeshQuota} per mesh unless the quota is raised",
                "Ask AWS to raise 'Virtual nodes per mesh', or narrow exportTo.");
        }
    }

    private static void CheckDiscovery(ValidationContext context)
    {
        foreach (var service in context.Mesh.Services)
        {
            foreach (var deployment in service.Deployments)
            {
                if (!context.SitesByName.TryGetValue(deployment.Site, out var site))
                    continue;
                var path = context.Sources.PathOf(deployment) + ".discovery";
                if (deployment.Discovery is CloudMapDiscovery && site.Provider != CloudProvider.Aws)
                {
                    context.Error(DiagnosticCodes.DiscoveryMismatch, path,
                        $"Cloud Map is an AWS service, but site '{site.Name}' is {WireNames<CloudProvider>.Of(site.Provider)}",
                        "Use kubernetes, dns or static discovery on this site.");
                }
                if (deployment.Discovery is StaticDiscovery && site.Mesh == MeshKind.AppMesh)
                {
                    context.Error(DiagnosticCodes.DiscoveryMismatch, path,
                        $"App Mesh (site '{site.Name}') discovers workloads through DNS or Cloud Map only, not static endpoints",
                        "Use dns: <hostname> or cloudMap: { namespace, service }.");
                }
            }
        }
    }
}
