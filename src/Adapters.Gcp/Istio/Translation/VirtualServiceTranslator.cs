using System.Globalization;
using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;
using ServicePort = MeshFed.Model.ServicePort;
using StringMatch = MeshFed.Adapters.Gcp.Istio.Api.StringMatch;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A service's routes as one VirtualService: ordered http routes with matches, weighted destinations,
/// timeout and retries. Shares that go to another site are sent to the meshfed gateway with the version
/// (and the site, when the route pins one, and the service port) set as request headers, so the gateway
/// applies exactly that split on the port the caller meant.
/// </summary>
internal static class VirtualServiceTranslator
{
    /// <summary>
    /// The service's VirtualService; null when it would have no route at all (only tcp ports, and every tcp
    /// share goes to other sites): Istio's validation rejects a VirtualService without http, tcp or tls routes,
    /// and without one the host's default routing sends tcp traffic to the local endpoints.
    /// </summary>
    public static IstioResource? Translate(IstioContext context, Service service)
    {
        var requestPorts = service.Ports.Where(p => p.IsRequestAware).ToList();
        var tcpPorts = service.Ports.Where(p => !p.IsRequestAware).ToList();
        IReadOnlyList<HttpRoute>? http = requestPorts.Count > 0
            ? [.. PinnedRoutes(context, service), .. service.EffectiveRoutes.SelectMany(r => HttpRoutes(context, service, r, requestPorts))]
            : null;
        var tcp = tcpPorts.Count > 0 ? TcpRoutes(context, service, tcpPorts) : null;
        if (http is null && tcp is null)
            return null;
        return new(context.HostResourceName(service), context.HostNamespace(service), new VirtualServiceSpec([service.Host], http, tcp));
    }

    // Requests the gateway brings from another site already carry the version the caller's side chose
    // (x-meshfed-version): deliver exactly that version instead of splitting again. Only the gateway's own
    // workload may pin a version this way.
    private static IEnumerable<HttpRoute> PinnedRoutes(IstioContext context, Service service)
    {
        if (!context.View.ServedToOtherSites(service))
            yield break;
        foreach (var version in context.View.LocalVersions(service))
        {
            yield return new HttpRoute(
                $"meshfed-pinned-{version}",
                [
                    new HttpMatchRequest(
                        Headers: new Dictionary<string, StringMatch> { [DataPath.VersionHeader] = StringMatch.Exact(version) },
                        SourceLabels: Labels.Of(("app", DataPath.GatewayService)),
                        SourceNamespace: DataPath.GatewayNamespace),
                ],
                [new HttpRouteDestination(new Destination(service.Host, version), 100)],
                Timeout: null,
                // Cross-site retries were the sending gateway's; delivery here is not retried again.
                HttpRetry.None);
        }
    }

    /// <summary>
    /// One http route, or one per request-aware port when the route sends a share to the gateway and the service
    /// has several: the gateway's local listener is one port for all of them, so the port the caller used must
    /// travel as x-meshfed-port, and only a route matched on that port (HTTPMatchRequest.port) knows it.
    /// </summary>
    private static IEnumerable<HttpRoute> HttpRoutes(IstioContext context, Service service, Route route, IReadOnlyList<ServicePort> requestPorts)
    {
        var targets = route.To.Select(t => context.View.Resolve(service, t)).ToList();
        if (requestPorts.Count == 1 || !targets.Any(t => t.IsRemote))
        {
            yield return HttpRoute(context, service, route, targets, route.Name, port: requestPorts.Count == 1 ? requestPorts[0] : null);
            yield break;
        }
        foreach (var port in requestPorts)
            yield return HttpRoute(context, service, route, targets, $"{route.Name}-{port.Port}", port, matchPort: true);
    }

    private static HttpRoute HttpRoute(IstioContext context, Service service, Route route, IReadOnlyList<ResolvedTarget> targets, string name, ServicePort? port, bool matchPort = false)
    {
        var match = MatchTranslator.Translate(route.Match);
        if (matchPort)
            match = [.. (match ?? [new HttpMatchRequest()]).Select(request => request with { Port = port!.Port })];
        return new HttpRoute(
            name,
            match,
            [.. targets.Select(t => HttpDestination(service, t, port))],
            (route.Timeout ?? service.Traffic.Timeout) is { } timeout ? IstioNames.Duration(timeout) : null,
            RetryTranslator.Translate(context, service, route.Retries ?? service.Traffic.Retries, hasRemote: targets.Any(t => t.IsRemote)));
    }

    private static HttpRouteDestination HttpDestination(Service service, ResolvedTarget destination, ServicePort? port)
    {
        if (!destination.IsRemote)
            return new HttpRouteDestination(new Destination(service.Host, destination.Version), destination.Weight);
        var pins = new OrderedDictionary<string, string>(3, StringComparer.Ordinal);
        if (destination.RemoteSite is not null)
            pins[DataPath.SiteHeader] = destination.RemoteSite;
        pins[DataPath.VersionHeader] = destination.Version;
        if (port is not null)
            pins[DataPath.PortHeader] = port.Port.ToString(CultureInfo.InvariantCulture);
        return new HttpRouteDestination(
            new Destination(DataPath.GatewayHost, Port: new PortSelector(DataPath.LocalListenerPort)),
            destination.Weight,
            new Headers(new HeaderOperations(pins)));
    }

    private static List<TcpRoute>? TcpRoutes(IstioContext context, Service service, IReadOnlyList<ServicePort> ports)
    {
        // TCP carries no headers: a remote share would reach the gateway without its site and version.
        if (!context.View.RunsHere(service))
            return null; // a remote-only service's tcp ports get no ServiceEntry port either (ServiceEntryTranslator says so)
        var route = service.EffectiveRoutes.Count > 0 ? service.EffectiveRoutes[^1] : null;
        var local = new List<ResolvedTarget>();
        foreach (var target in route?.To ?? [])
        {
            var destination = context.View.Resolve(service, target);
            if (destination.IsRemote)
            {
                context.Warn(service, "tcp routes",
                    $"the {destination.Weight}% share of tcp traffic (ports {string.Join(", ", ports.Select(p => p.Port))}) to version {destination.Version} on another site is not rendered: the meshfed gateway has no TCP pass-through yet; the local versions take all tcp traffic here");
                continue;
            }
            local.Add(destination);
        }
        if (local.Count == 0)
            return null;
        // Istio requires 100: the dropped remote share goes to the local versions in proportion to their weights.
        var weights = WeightSplit.ToHundred([.. local.Select(d => d.Weight)]);
        List<RouteDestination> destinations = [.. local.Select((d, i) => new RouteDestination(new Destination(service.Host, d.Version), weights[i]))];
        return [.. ports.Select(p => new TcpRoute([new L4MatchAttributes(p.Port)], destinations))];
    }
}
