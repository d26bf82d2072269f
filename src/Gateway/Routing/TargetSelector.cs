using MeshFed.Gateway.Config;
using MeshFed.Model;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// Chooses the version and site of one request: a version the caller's mesh pinned, or the first matching
/// route's weighted split; then the first healthy site running that version, in the site order; and when
/// none is healthy, the next healthy site in the failover order running any version.
/// </summary>
public sealed class TargetSelector(Func<string, bool> isClusterHealthy, Random random)
{
    /// <summary>A chosen target, or why there is none.</summary>
    public sealed record Choice(string? Version, string? Site, bool FailedOver, Route? Route, string? Refusal);

    /// <summary>Chooses for a request arriving at <paramref name="plan"/>'s gateway.</summary>
    /// <param name="plan">The plan in force.</param>
    /// <param name="service">The service called.</param>
    /// <param name="request">The request.</param>
    /// <param name="port">The service port the request is for.</param>
    /// <param name="localOnly">Inbound: only versions running here. Outbound, targets running here are served
    /// only when the plan says so (<see cref="GatewaySettings.ServeLocalTargets"/>: no mesh in front).</param>
    public Choice Choose(GatewayPlan plan, Service service, HttpRequest request, ServicePort port, bool localOnly)
    {
        var self = plan.Site.Name;
        var routes = plan.RoutesOf(service);
        var pinnedVersion = request.Headers[DataPath.VersionHeader].ToString();
        var pinnedSite = request.Headers[DataPath.SiteHeader].ToString();
        Route? route = null;
        string version;
        string? site = null;
        if (pinnedVersion.Length > 0 && routes.RunsVersion(pinnedVersion, localOnly ? self : null))
        {
            version = pinnedVersion;
            // A caller could otherwise steer around the failover order to any site running the version; the
            // header counts only when a route pins that (version, site) pair, i.e. when the mesh itself set it.
            if (pinnedSite.Length > 0 && routes.PinsSite(version, pinnedSite) && routes.RunsVersion(version, pinnedSite))
                site = pinnedSite;
        }
        else
        {
            route = FirstMatch(routes.Routes, request);
            if (route is null)
                return new Choice(null, null, false, null, $"no route of service '{service.Name}' matches {request.Method} {request.Path}");
            var targets = routes.TargetsOf(route, localOnly);
            if (targets.Count == 0)
                return new Choice(null, null, false, route, $"route '{route.Name}' of service '{service.Name}' has no target {(localOnly ? $"running in site '{self}'" : "running anywhere")}");
            var target = WeightedChoice.Pick(targets, t => t.Weight, random);
            version = target.Version;
            site = target.Site;
        }
        if (localOnly)
            return new Choice(version, self, false, route, null);

        var candidates = site is not null ? [site] : routes.SitesFor(version);
        var skipSelf = !plan.Settings.ServeLocalTargets && candidates.Count > 1;
        string? preferred = null;
        foreach (var candidate in candidates)
        {
            if (skipSelf && candidate == self)
                continue;
            preferred ??= candidate;
            if (isClusterHealthy(routes.ClusterFor(version, candidate, port)))
                return new Choice(version, candidate, candidate != preferred, route, null);
        }
        // Every site of that version is out: fail over to the next healthy site of the service.
        foreach (var candidate in routes.SitesFor(null))
        {
            var fallback = VersionAt(service, route, candidate);
            if (isClusterHealthy(routes.ClusterFor(fallback, candidate, port)))
                return new Choice(fallback, candidate, true, route, null);
        }
        // Nothing is healthy: send to the preferred site anyway (Envoy's panic mode) rather than refuse all.
        return preferred is not null
            ? new Choice(version, preferred, false, route, null)
            : new Choice(null, null, false, route, $"version '{version}' of service '{service.Name}' runs on no site");
    }

    private static Route? FirstMatch(IReadOnlyList<Route> routes, HttpRequest request)
    {
        for (var i = 0; i < routes.Count; i++) // indexed: no enumerator allocated per request
        {
            if (RequestMatcher.Matches(routes[i].Match, request))
                return routes[i];
        }
        return null;
    }

    private static string VersionAt(Service service, Route? route, string site)
    {
        var here = service.Deployments.Where(d => d.Site == site).Select(d => d.Version).ToList();
        return route?.To.Select(t => t.Version).FirstOrDefault(here.Contains) ?? here[0];
    }
}
