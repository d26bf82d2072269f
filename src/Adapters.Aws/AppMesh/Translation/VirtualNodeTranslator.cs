using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Model;
using ServiceDiscovery = MeshFed.Adapters.Aws.AppMesh.Api.ServiceDiscovery;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// Virtual nodes: one per version running on this site (listeners with timeouts, outlier detection,
/// connection pool and mTLS; DNS or Cloud Map discovery; backends), and, for a service whose traffic leaves
/// the site, one per request-aware port whose only endpoint is the meshfed gateway's local listener.
/// </summary>
internal static class VirtualNodeTranslator
{
    /// <summary>App Mesh's default quota of backends per virtual node.</summary>
    private const int BackendsQuota = 50;

    public static AppMeshResource Local(AppMeshContext context, Service service, Deployment deployment, IReadOnlyList<Service> visible)
    {
        var backends = visible.Where(s => s != service).ToList();
        if (backends.Count > BackendsQuota)
        {
            context.Warn(service, "backends",
                $"{backends.Count} services are visible from site {context.Site.Name}, more than App Mesh's default quota of {BackendsQuota} backends per node: raise the quota, or narrow exportTo");
        }
        var spec = new VirtualNodeSpec(
            [.. service.Ports.Select(p => Listener(context, service, p))],
            Discovery(service, deployment),
            backends.Count > 0 ? [.. backends.Select(b => Backend(context, service, b))] : null);
        return context.Resource(AppMeshNames.Node(service, deployment.Version), spec,
            cr: (service.Namespace, $"{service.Name}-{deployment.Version}")) with
        {
            PodLabels = [new("app", service.Name), new("version", deployment.Version)],
        };
    }

    /// <summary>
    /// The node standing for the service on other sites, for one request-aware port: its endpoint is the
    /// meshfed gateway's local listener (15180, HTTP/1.1 and prior-knowledge h2c), found where the module
    /// registers it: in Cloud Map on ECS (namespace <see cref="DataPath.AwsCloudMapNamespace"/>, service
    /// <see cref="DataPath.GatewayService"/>), by its Kubernetes Service name elsewhere (review row 3). The
    /// listener speaks the port's protocol, as the route type and the router listener do (App Mesh routes
    /// guide: the route type "must match the listener protocol ... of the virtual node", review row 11). No
    /// listener TLS: the gateway's local listener is plain text, so App Mesh negotiates none (TLS guide, "How
    /// App Mesh configures Envoys to negotiate TLS": without a matching server policy, the server decides).
    /// </summary>
    public static AppMeshResource Remote(AppMeshContext context, Service service, ServicePort port)
    {
        var listener = new Listener(
            new PortMapping(DataPath.LocalListenerPort, AppMeshNames.Protocol(port.Protocol)),
            Timeout: ListenerTimeout(service, port));
        var spec = new VirtualNodeSpec([listener], GatewayDiscovery(context));
        var name = AppMeshNames.RemoteNode(service, port);
        var suffix = name[AppMeshNames.Router(service).Length..];
        return context.Resource(name, spec, cr: context.CrHome(service, suffix));
    }

    private static ServiceDiscovery GatewayDiscovery(AppMeshContext context) => context.Platform == GatewayPlatform.Ecs
        ? new ServiceDiscovery(AwsCloudMap: new AwsCloudMapServiceDiscovery(DataPath.AwsCloudMapNamespace, DataPath.GatewayService))
        : new ServiceDiscovery(Dns: new DnsServiceDiscovery(DataPath.GatewayHost));

    /// <summary>
    /// A backend, with a client policy that originates mTLS where the backend runs on this site (its listeners
    /// terminate TLS) and accepts only the backend's own SPIFFE ID. Remote-only backends get none: their only
    /// node is the plain-text gateway.
    /// </summary>
    private static Backend Backend(AppMeshContext context, Service caller, Service backend) => new(new VirtualServiceBackend(
        AppMeshNames.VirtualService(backend),
        context.RunsHere(backend) ? AppMeshTls.ClientPolicy(context, context.SpiffeId(caller), [context.SpiffeId(backend)]) : null));

    private static Listener Listener(AppMeshContext context, Service service, ServicePort port)
    {
        var breaker = service.Traffic.CircuitBreaker;
        // Callers are the other workloads of this site (every node lists every visible service as a backend)
        // and the ingress virtual gateway, which presents the meshfed gateway's identity.
        var callers = context.Mesh.Services.Where(context.RunsHere).Select(context.SpiffeId).Append(context.GatewaySpiffeId);
        return new Listener(
            new PortMapping(port.Port, AppMeshNames.Protocol(port.Protocol)),
            Timeout: port.IsRequestAware ? ListenerTimeout(service, port) : null,
            OutlierDetection: breaker is null ? null : new OutlierDetection(
                breaker.Consecutive5xx, Duration.Of(breaker.Interval), Duration.Of(breaker.BaseEjectionTime), breaker.MaxEjectionPercent),
            ConnectionPool: breaker is null ? null : ConnectionPool(context, service, port, breaker),
            Tls: new ListenerTls(
                service.Security.Mtls == MtlsMode.Strict ? "STRICT" : "PERMISSIVE",
                AppMeshTls.Certificate(context, context.SpiffeId(service)),
                AppMeshTls.Validation(context, callers)));
    }

    /// <summary>The listener's per-request timeout, keyed by its protocol as the API shapes it (review rows 16, 30).</summary>
    private static ListenerTimeout ListenerTimeout(Service service, ServicePort port)
    {
        var timeout = new HttpTimeout(Duration.Of(AppMeshContext.ListenerTimeout(service)));
        return port.Protocol switch
        {
            ServiceProtocol.Http2 => new ListenerTimeout(Http2: timeout),
            ServiceProtocol.Grpc => new ListenerTimeout(Grpc: timeout),
            // Only request-aware ports get a timeout; http is the remaining one.
            _ => new ListenerTimeout(Http: timeout),
        };
    }

    /// <summary>
    /// App Mesh has one pool shape per protocol: connections (and pending requests) for http, connections for
    /// tcp, requests only for http2 and grpc (API reference, VirtualNodeConnectionPool). What a shape lacks
    /// is said, not dropped (review row 25).
    /// </summary>
    private static VirtualNodeConnectionPool? ConnectionPool(AppMeshContext context, Service service, ServicePort port, CircuitBreaker breaker)
    {
        var protocol = AppMeshNames.Protocol(port.Protocol);
        // The limits this listener's pool shape has no field for: said once per service and limit, never dropped.
        void Dropped(string field, int? value, string why)
        {
            if (value is not null)
                context.Warn(service, $"circuitBreaker.{field}", $"{field} is not rendered: App Mesh's {protocol} listeners (port {port.Port}) {why}");
        }
        switch (port.Protocol)
        {
            case ServiceProtocol.Http:
                Dropped("maxRequests", breaker.MaxRequests, "limit connections and pending requests, not concurrent requests");
                if (breaker.MaxConnections is not { } connections)
                {
                    Dropped("maxPendingRequests", breaker.MaxPendingRequests, "limit pending requests only together with maxConnections");
                    return null;
                }
                return new VirtualNodeConnectionPool(Http: new VirtualNodeHttpConnectionPool(connections, breaker.MaxPendingRequests));
            case ServiceProtocol.Tcp:
                Dropped("maxPendingRequests", breaker.MaxPendingRequests, "carry no requests (tcp pools limit connections only)");
                Dropped("maxRequests", breaker.MaxRequests, "carry no requests (tcp pools limit connections only)");
                return breaker.MaxConnections is { } tcpConnections
                    ? new VirtualNodeConnectionPool(Tcp: new VirtualNodeTcpConnectionPool(tcpConnections))
                    : null;
            case ServiceProtocol.Http2 or ServiceProtocol.Grpc:
                // For cross-site traffic the serving meshfed gateway caps its connections to the service (maxConnections).
                Dropped("maxConnections", breaker.MaxConnections, "limit only concurrent requests (maxRequests); for cross-site traffic the serving meshfed gateway caps its own connections to the service");
                Dropped("maxPendingRequests", breaker.MaxPendingRequests, "limit only concurrent requests (maxRequests)");
                return breaker.MaxRequests is { } requests
                    ? port.Protocol == ServiceProtocol.Grpc
                        ? new VirtualNodeConnectionPool(Grpc: new VirtualNodeRequestConnectionPool(requests))
                        : new VirtualNodeConnectionPool(Http2: new VirtualNodeRequestConnectionPool(requests))
                    : null;
            default:
                return null;
        }
    }

    private static ServiceDiscovery Discovery(Service service, Deployment deployment) => deployment.Discovery switch
    {
        DnsDiscovery dns => new ServiceDiscovery(Dns: new DnsServiceDiscovery(dns.Hostname)),
        CloudMapDiscovery cloudMap => new ServiceDiscovery(AwsCloudMap: new AwsCloudMapServiceDiscovery(cloudMap.NamespaceName, cloudMap.ServiceName)),
        // Static endpoints are rejected by validation on App Mesh sites; Kubernetes uses a Service per version.
        _ => new ServiceDiscovery(Dns: new DnsServiceDiscovery(AppMeshNames.VersionHost(service, deployment.Version))),
    };
}
