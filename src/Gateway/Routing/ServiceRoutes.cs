using System.Collections.Concurrent;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Resilience;
using MeshFed.Model;
using Polly;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// What the router needs about one service on every request, derived once per plan instead of per request:
/// its effective routes, each route's eligible targets (outbound and inbound), the site order per version,
/// and the cluster ids. A manifest reload builds a new plan, and with it new instances.
/// </summary>
public sealed class ServiceRoutes
{
    private readonly SiteView _view;
    private readonly Dictionary<Route, (IReadOnlyList<RouteTarget> Outbound, IReadOnlyList<RouteTarget> Inbound)> _targets = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _siteOrder = new();
    private readonly ConcurrentDictionary<(string Version, string Site, int Port), string> _clusters = new();
    private readonly HashSet<(string Version, string Site)> _pinned = [];
    private readonly Dictionary<Route, (ResiliencePipeline<HttpResponseMessage>? Outbound, ResiliencePipeline<HttpResponseMessage>? Inbound)> _resilience = new(ReferenceEqualityComparer.Instance);
    private readonly (ResiliencePipeline<HttpResponseMessage>? Outbound, ResiliencePipeline<HttpResponseMessage>? Inbound) _serviceResilience;
    private IReadOnlyList<string>? _anyVersionOrder;

    /// <summary>Derives the routes of <paramref name="service"/> as the gateway of <paramref name="view"/>'s site uses them.</summary>
    /// <param name="view">This gateway's site view (where a target resolves from here).</param>
    /// <param name="service">The service.</param>
    /// <param name="serveLocal">Whether outbound requests may be served by targets in this site (no mesh in front).</param>
    /// <param name="resilience">The plan's pipelines, which every route's timeout and retries are built into now.</param>
    /// <exception cref="ArgumentException">Polly refuses a timeout of the service or one of its routes.</exception>
    public ServiceRoutes(SiteView view, Service service, bool serveLocal, ResiliencePipelines resilience)
    {
        _view = view;
        var self = view.Site.Name;
        Service = service;
        Routes = service.EffectiveRoutes;
        // A request from a peer gateway gets the timeout only: its sender owns the retries (InboundRouter, R7).
        _serviceResilience = (resilience.For(service.Traffic.Timeout, service.Traffic.Retries), resilience.For(service.Traffic.Timeout, null));
        foreach (var route in Routes)
        {
            var timeout = route.Timeout ?? service.Traffic.Timeout;
            _resilience[route] = (resilience.For(timeout, route.Retries ?? service.Traffic.Retries), resilience.For(timeout, null));
            var anywhere = route.To.Where(t => Runs(service, t, null)).ToList();
            IReadOnlyList<RouteTarget> outbound = anywhere;
            if (!serveLocal)
            {
                // Behind a mesh, only the remote share arrives here: split it among the remote targets alone.
                var remote = anywhere.Where(t => view.Resolve(service, t).IsRemote).ToList();
                if (remote.Count > 0)
                    outbound = remote;
            }
            _targets[route] = (outbound, route.To.Where(t => Runs(service, t, self)).ToList());
            foreach (var target in route.To)
            {
                if (target.Site is { } site)
                    _pinned.Add((target.Version, site));
            }
        }
    }

    /// <summary>The service.</summary>
    public Service Service { get; }

    /// <summary>The routes in match order (first match wins).</summary>
    public IReadOnlyList<Route> Routes { get; }

    /// <summary>The targets of <paramref name="route"/> a request may go to: running anywhere, or only in this site (inbound).</summary>
    public IReadOnlyList<RouteTarget> TargetsOf(Route route, bool localOnly) =>
        localOnly ? _targets[route].Inbound : _targets[route].Outbound;

    /// <summary>
    /// The pipeline applying the timeout and retries of <paramref name="route"/> (the service's own when null) to a
    /// request sent on (<paramref name="inbound"/>: delivered here from a peer, timeout only); null when there are none.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage>? ResilienceOf(Route? route, bool inbound)
    {
        var pipelines = route is null ? _serviceResilience : _resilience[route];
        return inbound ? pipelines.Inbound : pipelines.Outbound;
    }

    /// <summary>Sites running <paramref name="version"/> (any version when null), most preferred first (<see cref="SiteOrder"/>).</summary>
    public IReadOnlyList<string> SitesFor(string? version) => version is null
        ? _anyVersionOrder ??= SiteOrder.For(_view.Mesh, Service, null, _view.Site.Name, includeOwnSite: true)
        : _siteOrder.GetOrAdd(version, static (v, routes) => SiteOrder.For(routes._view.Mesh, routes.Service, v, routes._view.Site.Name, includeOwnSite: true), this);

    /// <summary>The cluster carrying <paramref name="version"/> at <paramref name="site"/> from this site (made once, not per request).</summary>
    public string ClusterFor(string version, string site, ServicePort port) =>
        _clusters.GetOrAdd((version, site, port.Port), static (key, routes) => key.Site == routes._view.Site.Name
            ? ClusterIds.Local(routes.Service, key.Version, key.Port)
            : ClusterIds.Remote(routes.Service, key.Site), this);

    /// <summary>
    /// Whether some route sends <paramref name="version"/> to <paramref name="site"/> by name: the only case in which
    /// the mesh sets <c>x-meshfed-site</c>, and so the only one in which the header may choose the site.
    /// </summary>
    public bool PinsSite(string version, string site) => _pinned.Contains((version, site));

    /// <summary>Whether the service runs <paramref name="version"/> (in <paramref name="site"/> when given).</summary>
    public bool RunsVersion(string version, string? site)
    {
        foreach (var deployment in Service.Deployments)
        {
            if (deployment.Version == version && (site is null || deployment.Site == site))
                return true;
        }
        return false;
    }

    private static bool Runs(Service service, RouteTarget target, string? onlySite) =>
        service.Deployments.Any(d => d.Version == target.Version && (target.Site is null || d.Site == target.Site) && (onlySite is null || d.Site == onlySite));
}
