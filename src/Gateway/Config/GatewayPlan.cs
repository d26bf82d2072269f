using MeshFed.Gateway.Routing;
using MeshFed.Model;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Gateway.Config;

/// <summary>
/// Everything one gateway derives from the manifest, built once per manifest version and swapped whole on
/// reload: which services each listener serves, and the YARP routes and clusters (through
/// <c>IProxyConfigProvider</c>) that carry them.
/// </summary>
public sealed class GatewayPlan
{
    /// <summary>Cluster metadata key: the site a remote cluster's destination is (checked against the peer's SVID).</summary>
    public const string SiteMetadata = "meshfed.site";

    /// <summary>Cluster metadata key: the trust material generation (a new one makes YARP build new clients).</summary>
    public const string TrustGenerationMetadata = "meshfed.trust-generation";

    /// <summary>Name of the passive health policy (outlier ejection) registered with YARP.</summary>
    public const string OutlierPolicyName = "MeshFedOutlier";

    private GatewayPlan(FederatedMesh mesh, Site site, GatewaySettings settings)
    {
        Mesh = mesh;
        Site = site;
        Settings = settings;
        Outbound = new HostIndex(mesh.Services.Where(s => s.IsVisibleFrom(site.Name) && s.Ports.Any(p => p.IsRequestAware)));
        Inbound = new HostIndex(RunningHere(mesh, site));
        _routes = mesh.Services.ToDictionary<Service, Service, ServiceRoutes>(s => s, s => new ServiceRoutes(mesh, s, site.Name, settings.ServeLocalTargets), ReferenceEqualityComparer.Instance);
    }

    private readonly Dictionary<Service, ServiceRoutes> _routes;

    /// <summary>The per-request routing facts of <paramref name="service"/> (a service of <see cref="Mesh"/>), derived once.</summary>
    public ServiceRoutes RoutesOf(Service service) => _routes[service];

    /// <summary>The manifest.</summary>
    public FederatedMesh Mesh { get; }

    /// <summary>This gateway's site.</summary>
    public Site Site { get; }

    /// <summary>How the gateway runs.</summary>
    public GatewaySettings Settings { get; }

    /// <summary>Services the local listener serves: every request-aware service visible from this site.</summary>
    public HostIndex Outbound { get; }

    /// <summary>Services the peer listener serves: those running in this site.</summary>
    public HostIndex Inbound { get; }

    /// <summary>Clusters and the circuit breaker governing each.</summary>
    public IReadOnlyDictionary<string, CircuitBreaker?> Breakers { get; private init; } = new Dictionary<string, CircuitBreaker?>();

    /// <summary>YARP configuration of the local listener.</summary>
    public (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) LocalProxy { get; private init; }

    /// <summary>YARP configuration of the peer listener.</summary>
    public (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) PeerProxy { get; private init; }

    /// <summary>Builds the plan of <paramref name="settings"/>' site.</summary>
    /// <exception cref="ArgumentException">The site is not in the mesh.</exception>
    public static GatewayPlan Build(FederatedMesh mesh, GatewaySettings settings, int trustGeneration = 0)
    {
        var site = mesh.FindSite(settings.Site) ?? throw new ArgumentException(
            $"site '{settings.Site}' is not in mesh '{mesh.Name}'; its sites: {string.Join(", ", mesh.Sites.Select(s => s.Name))}");
        var breakers = new Dictionary<string, CircuitBreaker?>();
        var localClusters = LocalClusters(mesh, site, settings, breakers);
        var remoteClusters = RemoteClusters(mesh, site, trustGeneration, breakers);
        return new GatewayPlan(mesh, site, settings)
        {
            Breakers = breakers,
            LocalProxy = ([CatchAll()], [Placeholder(), .. remoteClusters, .. localClusters]),
            PeerProxy = ([CatchAll()], [Placeholder(), .. localClusters]),
        };
    }

    /// <summary>Services with a deployment in <paramref name="site"/>.</summary>
    public static IEnumerable<Service> RunningHere(FederatedMesh mesh, Site site) =>
        mesh.Services.Where(s => s.Deployments.Any(d => d.Site == site.Name) && s.Ports.Any(p => p.IsRequestAware));

    /// <summary>The port a request for <paramref name="service"/> goes to: the one its Host names, else the first HTTP one.</summary>
    public static ServicePort PortFor(Service service, int? hostPort)
    {
        ServicePort? first = null;
        for (var i = 0; i < service.Ports.Count; i++) // per request: no closure, no enumerator
        {
            var port = service.Ports[i];
            if (!port.IsRequestAware)
                continue;
            if (port.Port == hostPort)
                return port;
            first ??= port;
        }
        return first ?? throw new InvalidOperationException($"service '{service.Name}' has no HTTP or gRPC port");
    }

    // One route takes everything; the router middleware picks the real cluster per request, because the
    // model's matching (first match wins, string prefixes, weighted splits, failover) is not YARP's.
    private static RouteConfig CatchAll() => new()
    {
        RouteId = "all",
        ClusterId = ClusterIds.Unrouted,
        Match = new Yarp.ReverseProxy.Configuration.RouteMatch { Path = "/{**catch-all}" },
        Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
    };

    private static ClusterConfig Placeholder() => new() { ClusterId = ClusterIds.Unrouted, Destinations = new Dictionary<string, DestinationConfig>() };

    private static IEnumerable<ClusterConfig> RemoteClusters(FederatedMesh mesh, Site self, int trustGeneration, Dictionary<string, CircuitBreaker?> breakers)
    {
        foreach (var service in mesh.Services.Where(s => s.IsVisibleFrom(self.Name) && s.Ports.Any(p => p.IsRequestAware)))
        {
            foreach (var site in service.DeployedSites.Where(s => s != self.Name))
            {
                if (mesh.FindSite(site)?.Gateway is not { } gateway)
                    continue;
                var id = ClusterIds.Remote(service, site);
                breakers[id] = service.Traffic.CircuitBreaker;
                yield return new ClusterConfig
                {
                    ClusterId = id,
                    Destinations = new Dictionary<string, DestinationConfig>
                    {
                        [site] = new() { Address = $"https://{FormatHost(gateway.Address)}:{gateway.Port}/" },
                    },
                    HealthCheck = PassiveHealth(service),
                    HttpClient = new HttpClientConfig { MaxConnectionsPerServer = service.Traffic.CircuitBreaker?.MaxConnections, EnableMultipleHttp2Connections = true },
                    HttpRequest = RequestVersion(service, tls: true),
                    Metadata = new Dictionary<string, string>
                    {
                        [SiteMetadata] = site,
                        [TrustGenerationMetadata] = trustGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                };
            }
        }
    }

    private static IEnumerable<ClusterConfig> LocalClusters(FederatedMesh mesh, Site self, GatewaySettings settings, Dictionary<string, CircuitBreaker?> breakers)
    {
        foreach (var service in RunningHere(mesh, self))
        {
            foreach (var deployment in service.Deployments.Where(d => d.Site == self.Name))
            {
                foreach (var port in service.Ports.Where(p => p.IsRequestAware))
                {
                    var endpoints = settings.LocalEndpoints?.Invoke(service, deployment, port) ?? LocalEndpoints.Of(self, service, deployment, port);
                    var id = ClusterIds.Local(service, deployment.Version, port.Port);
                    breakers[id] = service.Traffic.CircuitBreaker;
                    yield return new ClusterConfig
                    {
                        ClusterId = id,
                        Destinations = endpoints.Select((uri, i) => (uri, i)).ToDictionary(e => $"{deployment.Version}-{e.i}", e => new DestinationConfig { Address = e.uri.ToString() }),
                        LoadBalancingPolicy = LoadBalancingPolicyName(service.Traffic.LoadBalancer),
                        HealthCheck = PassiveHealth(service),
                        HttpClient = new HttpClientConfig { MaxConnectionsPerServer = service.Traffic.CircuitBreaker?.MaxConnections },
                        HttpRequest = RequestVersion(service, tls: false, port),
                    };
                }
            }
        }
    }

    private static HealthCheckConfig? PassiveHealth(Service service) =>
        service.Traffic.CircuitBreaker is null ? null : new HealthCheckConfig
        {
            Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = OutlierPolicyName },
            AvailableDestinationsPolicy = "HealthyAndUnknown",
        };

    /// <summary>The YARP load-balancing policy for the manifest's algorithm.</summary>
    public static string LoadBalancingPolicyName(LoadBalancer balancer) => balancer.Algorithm switch
    {
        LoadBalancingAlgorithm.LeastRequest => "LeastRequests",
        LoadBalancingAlgorithm.Random => "Random",
        LoadBalancingAlgorithm.RingHash => LoadBalancing.ConsistentHashPolicy.PolicyName,
        _ => "RoundRobin",
    };

    private static ForwarderRequestConfig RequestVersion(Service service, bool tls, ServicePort? port = null)
    {
        var http2 = port is null
            ? service.Ports.Any(p => p.IsHttp2)
            : port.IsHttp2;
        if (!http2)
            return new ForwarderRequestConfig { Version = System.Net.HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        // Between gateways ALPN negotiates h2; to a plain-text workload only prior-knowledge h2c works.
        return new ForwarderRequestConfig
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = tls ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact,
        };
    }

    private static string FormatHost(string address) =>
        System.Net.IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
}
