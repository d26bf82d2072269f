using MeshFed.Gateway.Resilience;
using MeshFed.Gateway.Routing;
using MeshFed.Gateway.Tracing;
using MeshFed.Model;
using OpenTelemetry.Trace;
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

    /// <summary>
    /// Cluster metadata key: the VPC Lattice service a local cluster delivers into, present when its requests are
    /// signed (<see cref="GatewaySettings.LatticeSigner"/>).
    /// </summary>
    public const string LatticeServiceMetadata = "meshfed.lattice-service";

    /// <summary>Name of the passive health policy (outlier ejection) registered with YARP.</summary>
    public const string OutlierPolicyName = "MeshFedOutlier";

    private GatewayPlan(SiteView view, GatewaySettings settings, ResiliencePipelines resilience)
    {
        View = view;
        Settings = settings;
        TraceSampler = TraceSampling.For(view.Mesh.Telemetry.Sampling);
        Outbound = new HostIndex(view.VisibleRequestServices);
        Inbound = new HostIndex(view.LocalRequestServices);
        LatticeRoles = LatticeRoles.Of(view.Mesh, view.Site);
        H2cPorts = [.. view.VisibleServices.SelectMany(s => s.Ports.Where(p => p.IsHttp2).Select(p => $"{s.Name}:{p.Port}"))];
        _routes = view.Mesh.Services.ToDictionary<Service, Service, ServiceRoutes>(s => s, s => new ServiceRoutes(view, s, settings.ServeLocalTargets, resilience), ReferenceEqualityComparer.Instance);
    }

    private readonly Dictionary<Service, ServiceRoutes> _routes;

    /// <summary>The per-request routing facts of <paramref name="service"/> (a service of <see cref="Mesh"/>), derived once.</summary>
    public ServiceRoutes RoutesOf(Service service) => _routes[service];

    /// <summary>How the gateway samples the requests it traces: the manifest's rate (<see cref="TraceSampling"/>).</summary>
    public Sampler TraceSampler { get; }

    /// <summary>This site's view of the mesh, the one the renderers use: what runs here, what is visible, where targets resolve.</summary>
    public SiteView View { get; }

    /// <summary>The manifest.</summary>
    public FederatedMesh Mesh => View.Mesh;

    /// <summary>This gateway's site.</summary>
    public Site Site => View.Site;

    /// <summary>How the gateway runs.</summary>
    public GatewaySettings Settings { get; }

    /// <summary>The addresses whose VPC Lattice identity headers the local listener believes (<see cref="GatewaySettings.TrustLatticeFrom"/>).</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedLatticeSources => Settings.TrustLatticeFrom ?? Policy.LatticeSources.For(Site);

    /// <summary>The IAM roles this site's deployments declare: who a caller VPC Lattice authenticated is.</summary>
    public LatticeRoles LatticeRoles { get; }

    /// <summary>Services the local listener serves: every request-aware service visible from this site.</summary>
    public HostIndex Outbound { get; }

    /// <summary>Services the peer listener serves: those running in this site.</summary>
    public HostIndex Inbound { get; }

    /// <summary>The gRPC and HTTP/2 ports (<c>service:port</c>) of services visible here, which the mesh sends to the local listener as h2c.</summary>
    public IReadOnlyList<string> H2cPorts { get; }

    /// <summary>YARP configuration of the local listener.</summary>
    public (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) LocalProxy { get; private init; }

    /// <summary>YARP configuration of the peer listener.</summary>
    public (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) PeerProxy { get; private init; }

    /// <summary>
    /// Builds the plan of <paramref name="settings"/>' site, with every route's resilience pipeline (timed by
    /// <paramref name="time"/>, the system clock when null).
    /// </summary>
    /// <exception cref="ArgumentException">The site is not in the mesh, or Polly refuses a route's timeout.</exception>
    public static GatewayPlan Build(FederatedMesh mesh, GatewaySettings settings, int trustGeneration = 0, TimeProvider? time = null)
    {
        var view = new SiteView(mesh, SiteOf(mesh, settings));
        // Each list is built once: both listeners' configurations share the local clusters' objects.
        IReadOnlyList<ClusterConfig> localClusters = [.. LocalClusters(view, settings)];
        IReadOnlyList<ClusterConfig> remoteClusters = [.. RemoteClusters(view, trustGeneration)];
        return new GatewayPlan(view, settings, new ResiliencePipelines(time ?? TimeProvider.System))
        {
            LocalProxy = ([CatchAll()], [Placeholder(), .. remoteClusters, .. localClusters]),
            PeerProxy = PeerProxyOf(localClusters),
        };
    }

    /// <summary>
    /// The <see cref="PeerProxy"/> of the plan <see cref="Build"/> makes for <paramref name="settings"/>, alone: for
    /// readers of a rendered federation (<c>meshfed analyze</c>, <c>render</c>'s analysis), which ask where hop 3
    /// goes on every site and need none of the routes' resilience pipelines, the other listener or the host
    /// indexes, most of the plan's cost at 10,000 services (bench/README.md, "Scale of the control side").
    /// </summary>
    /// <exception cref="ArgumentException">The site is not in the mesh.</exception>
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) PeerProxyOf(FederatedMesh mesh, GatewaySettings settings) =>
        PeerProxyOf([.. LocalClusters(new SiteView(mesh, SiteOf(mesh, settings)), settings)]);

    private static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) PeerProxyOf(IReadOnlyList<ClusterConfig> localClusters) =>
        ([CatchAll()], [Placeholder(), .. localClusters]);

    private static Site SiteOf(FederatedMesh mesh, GatewaySettings settings) =>
        mesh.FindSite(settings.Site) ?? throw new ArgumentException(
            $"site '{settings.Site}' is not in mesh '{mesh.Name}'; its sites: {string.Join(", ", mesh.Sites.Select(s => s.Name))}");

    /// <summary>
    /// The port a request for <paramref name="service"/> goes to, never guessed (review row 27): the one
    /// <c>x-meshfed-port</c> names (set by the mesh route or the sending gateway, which know it), else the one
    /// its Host names, else the service's only request-aware port, else port 80 when the Host names none (a
    /// Host without a port means the scheme's default, RFC 9110 section 7.2). Null, with the reason in
    /// <paramref name="refusal"/>, when none of these picks a request-aware port.
    /// </summary>
    public static ServicePort? PortFor(Service service, int? hostPort, string? portHeader, out string? refusal)
    {
        refusal = null;
        if (!string.IsNullOrEmpty(portHeader))
        {
            if (int.TryParse(portHeader, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var named)
                && RequestPort(service, named) is { } fromHeader)
                return fromHeader;
            refusal = $"{DataPath.PortHeader}: '{portHeader}' names no HTTP or gRPC port of service '{service.Name}' ({Ports(service)})";
            return null;
        }
        if (hostPort is { } fromHost)
        {
            if (RequestPort(service, fromHost) is { } port)
                return port;
            refusal = $"the Host names port {fromHost}, which is no HTTP or gRPC port of service '{service.Name}' ({Ports(service)})";
            return null;
        }
        ServicePort? only = null;
        var count = 0;
        for (var i = 0; i < service.Ports.Count; i++) // per request: no closure, no enumerator
        {
            if (service.Ports[i].IsRequestAware)
            {
                only = service.Ports[i];
                count++;
            }
        }
        if (count == 1)
            return only;
        if (RequestPort(service, 80) is { } standard)
            return standard;
        refusal = count == 0
            ? $"service '{service.Name}' has no HTTP or gRPC port"
            : $"service '{service.Name}' has several HTTP/gRPC ports ({Ports(service)}): name one in the Host or in {DataPath.PortHeader}";
        return null;
    }

    /// <summary>
    /// Chooses the port of a request (<see cref="PortFor"/>) and records it in <c>x-meshfed-port</c>, so that
    /// hops 2 and 3 carry it (the Host of those hops is set per cluster: <see cref="LocalEndpoints.Host"/>).
    /// </summary>
    public static ServicePort? ChoosePort(Microsoft.AspNetCore.Http.HttpRequest request, Service service, int? hostPort, out string? refusal)
    {
        var named = request.Headers[DataPath.PortHeader];
        var port = PortFor(service, hostPort, named.ToString(), out refusal);
        if (port is not null && !(named.Count == 1 && Names(named[0]!, port.Port)))
            request.Headers[DataPath.PortHeader] = port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return port;
    }

    // Whether the header already holds the port, once, as it would be written (at gateway B, as gateway A wrote it): then
    // it is left as it is, not written again as a new string per request. Anything else is replaced by the one value
    // (StringValues.ToString skips empty entries, so "8080" and "" would read as "8080" and go on as "8080,").
    private static bool Names(string header, int port)
    {
        Span<char> text = stackalloc char[11];
        return port.TryFormat(text, out var written, default, System.Globalization.CultureInfo.InvariantCulture) && header.AsSpan().SequenceEqual(text[..written]);
    }

    private static ServicePort? RequestPort(Service service, int number)
    {
        for (var i = 0; i < service.Ports.Count; i++)
        {
            if (service.Ports[i].IsRequestAware && service.Ports[i].Port == number)
                return service.Ports[i];
        }
        return null;
    }

    private static string Ports(Service service) => string.Join(", ", service.Ports.Where(p => p.IsRequestAware).Select(p => p.Port));

    // One route takes everything; the router middleware picks the real cluster per request, because the
    // model's matching (first match wins, string prefixes, weighted splits, failover) is not YARP's. The
    // caller's Host is not kept: each destination names the service's FQDN (DestinationConfig.Host, which
    // YARP sends unless RequestHeaderOriginalHost is set), so hops 2 and 3 never carry a short name (review row 12).
    private static RouteConfig CatchAll() => new()
    {
        RouteId = "all",
        ClusterId = ClusterIds.Unrouted,
        Match = new Yarp.ReverseProxy.Configuration.RouteMatch { Path = "/{**catch-all}" },
    };

    private static ClusterConfig Placeholder() => new() { ClusterId = ClusterIds.Unrouted, Destinations = new Dictionary<string, DestinationConfig>() };

    private static IEnumerable<ClusterConfig> RemoteClusters(SiteView view, int trustGeneration)
    {
        foreach (var service in view.VisibleRequestServices)
        {
            foreach (var site in view.OtherSitesRunning(service))
            {
                if (view.Mesh.FindSite(site)?.Gateway is not { } gateway)
                    continue;
                var metadata = new Dictionary<string, string>
                {
                    [SiteMetadata] = site,
                    [TrustGenerationMetadata] = trustGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                OutlierSettings.Write(service.Traffic.CircuitBreaker, metadata);
                yield return new ClusterConfig
                {
                    ClusterId = ClusterIds.Remote(service, site),
                    Destinations = new Dictionary<string, DestinationConfig>
                    {
                        // The port travels in x-meshfed-port: this cluster carries every port of the service.
                        [site] = new() { Address = $"https://{FormatHost(gateway.Address)}:{gateway.Port}/", Host = service.Host },
                    },
                    HealthCheck = PassiveHealth(service),
                    HttpClient = FederationLink.Client,
                    HttpRequest = FederationLink.Request,
                    Metadata = metadata,
                };
            }
        }
    }

    private static IEnumerable<ClusterConfig> LocalClusters(SiteView view, GatewaySettings settings)
    {
        var self = view.Site;
        // The App Mesh ingress (a virtual gateway) has one listener, rendered http2 as soon as a served service has an
        // HTTP/2 or gRPC port; then every service goes to it as prior-knowledge h2c, HTTP/1.1 ones included: App Mesh
        // documents no HTTP/1.1 on an http2 listener (review row 23; the API reference's PortMapping names one
        // protocol per listener), while Envoy converts between HTTP/2 downstream and a node's HTTP/1.1 upstream.
        var ingressHttp2 = view.AppMeshIngressSpeaksHttp2;
        foreach (var service in view.LocalRequestServices)
        {
            foreach (var deployment in view.LocalDeployments(service))
            {
                foreach (var port in service.Ports.Where(p => p.IsRequestAware))
                {
                    // Where the host overrides the endpoints (meshfed up: no mesh, no ingress), each port speaks its own protocol.
                    var overridden = settings.LocalEndpoints?.Invoke(service, deployment, port);
                    var viaIngress = overridden is null && self.Mesh == MeshKind.AppMesh;
                    // On a VPC Lattice site the version is reached through its Lattice service, signed when the host gave a signer.
                    var lattice = view.LatticeDelivery(service, port);
                    var endpoints = overridden ?? (lattice is null ? LocalEndpoints.Of(self, service, deployment, port) : [lattice.BaseUri]);
                    var signed = lattice is not null && settings.LatticeSigner is not null;
                    var host = LocalEndpoints.Host(self, service, port);
                    Dictionary<string, string>? metadata = null;
                    if (service.Traffic.CircuitBreaker is { } breaker)
                        OutlierSettings.Write(breaker, metadata = []);
                    if (signed)
                        (metadata ??= [])[LatticeServiceMetadata] = lattice!.ServiceName;
                    yield return new ClusterConfig
                    {
                        ClusterId = ClusterIds.Local(service, deployment.Version, port.Port),
                        Destinations = endpoints.Select((uri, i) => (uri, i)).ToDictionary(e => $"{deployment.Version}-{e.i}", e => new DestinationConfig { Address = e.uri.ToString(), Host = host }),
                        LoadBalancingPolicy = LoadBalancingPolicyName(service.Traffic.LoadBalancer),
                        HealthCheck = PassiveHealth(service),
                        HttpClient = new HttpClientConfig { MaxConnectionsPerServer = service.Traffic.CircuitBreaker?.MaxConnections },
                        HttpRequest = overridden is null && lattice is not null ? LatticeVersion(lattice) : CleartextVersion(viaIngress ? ingressHttp2 : port.IsHttp2),
                        Metadata = metadata,
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

    /// <summary>
    /// The HTTP version of a hop to a local workload, or to the App Mesh ingress (whose one listener speaks
    /// <see cref="SiteView.AppMeshIngressSpeaksHttp2"/>): cleartext, so HTTP/2 only as prior-knowledge h2c.
    /// </summary>
    private static ForwarderRequestConfig CleartextVersion(bool http2) => http2
        ? new ForwarderRequestConfig { Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }
        : new ForwarderRequestConfig { Version = System.Net.HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };

    /// <summary>
    /// The HTTP version of a delivery into a Lattice listener: HTTP/1.1 on an HTTP listener; on an HTTPS one,
    /// HTTP/2 when ALPN agrees ("VPC Lattice will automatically determine the HTTP protocol using ALPN",
    /// https://docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html), which gRPC needs.
    /// </summary>
    private static ForwarderRequestConfig LatticeVersion(LatticeDelivery delivery) => delivery.Scheme == "https"
        ? new ForwarderRequestConfig { Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower }
        : CleartextVersion(http2: false);

    private static string FormatHost(string address) =>
        System.Net.IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
}
