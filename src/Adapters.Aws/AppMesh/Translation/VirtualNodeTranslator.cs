using System.Text.Json.Nodes;
using MeshFed.Model;

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
        var spec = new JsonObject
        {
            ["listeners"] = new JsonArray([.. service.Ports.Select(p => (JsonNode)Listener(context, service, p))]),
            ["serviceDiscovery"] = Discovery(service, deployment),
        };
        var backends = visible.Where(s => s != service).ToList();
        if (backends.Count > 0)
        {
            if (backends.Count > BackendsQuota)
            {
                context.Warn(service, "backends",
                    $"{backends.Count} services are visible from site {context.Site.Name}, more than App Mesh's default quota of {BackendsQuota} backends per node: raise the quota, or narrow exportTo");
            }
            spec["backends"] = new JsonArray([.. backends.Select(b => (JsonNode)Backend(context, service, b))]);
        }
        return context.Resource(AppMeshResourceKind.VirtualNode, AppMeshNames.Node(service, deployment.Version), spec,
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
        var listener = new JsonObject
        {
            ["portMapping"] = new JsonObject { ["port"] = DataPath.LocalListenerPort, ["protocol"] = AppMeshNames.Protocol(port.Protocol) },
            ["timeout"] = ListenerTimeout(service, port),
        };
        var spec = new JsonObject
        {
            ["listeners"] = new JsonArray(listener),
            ["serviceDiscovery"] = GatewayDiscovery(context),
        };
        var name = AppMeshNames.RemoteNode(service, port);
        var suffix = name[AppMeshNames.Router(service).Length..];
        return context.Resource(AppMeshResourceKind.VirtualNode, name, spec, cr: context.CrHome(service, suffix));
    }

    private static JsonObject GatewayDiscovery(AppMeshContext context) => context.Platform == GatewayPlatform.Ecs
        ? new JsonObject
        {
            ["awsCloudMap"] = new JsonObject { ["namespaceName"] = DataPath.AwsCloudMapNamespace, ["serviceName"] = DataPath.GatewayService },
        }
        : new JsonObject { ["dns"] = new JsonObject { ["hostname"] = DataPath.GatewayHost } };

    /// <summary>
    /// A backend, with a client policy that originates mTLS where the backend runs on this site (its listeners
    /// terminate TLS) and accepts only the backend's own SPIFFE ID. Remote-only backends get none: their only
    /// node is the plain-text gateway.
    /// </summary>
    private static JsonObject Backend(AppMeshContext context, Service caller, Service backend)
    {
        var virtualService = new JsonObject { ["virtualServiceName"] = AppMeshNames.VirtualService(backend) };
        if (context.RunsHere(backend))
            virtualService["clientPolicy"] = AppMeshTls.ClientPolicy(context, context.SpiffeId(caller), [context.SpiffeId(backend)]);
        return new JsonObject { ["virtualService"] = virtualService };
    }

    private static JsonObject Listener(AppMeshContext context, Service service, ServicePort port)
    {
        var listener = new JsonObject
        {
            ["portMapping"] = new JsonObject { ["port"] = port.Port, ["protocol"] = AppMeshNames.Protocol(port.Protocol) },
        };
        if (port.IsRequestAware)
            listener["timeout"] = ListenerTimeout(service, port);
        if (service.Traffic.CircuitBreaker is { } breaker)
        {
            listener["outlierDetection"] = new JsonObject
            {
                ["maxServerErrors"] = breaker.Consecutive5xx,
                ["interval"] = AppMeshValues.Duration(breaker.Interval),
                ["baseEjectionDuration"] = AppMeshValues.Duration(breaker.BaseEjectionTime),
                ["maxEjectionPercent"] = breaker.MaxEjectionPercent,
            };
            if (ConnectionPool(context, service, port, breaker) is { } pool)
                listener["connectionPool"] = pool;
        }
        // Callers are the other workloads of this site (every node lists every visible service as a backend)
        // and the ingress virtual gateway, which presents the meshfed gateway's identity.
        var callers = context.Mesh.Services.Where(context.RunsHere).Select(context.SpiffeId).Append(context.GatewaySpiffeId);
        listener["tls"] = new JsonObject
        {
            ["mode"] = service.Security.Mtls == MtlsMode.Strict ? "STRICT" : "PERMISSIVE",
            ["certificate"] = AppMeshTls.Certificate(context, context.SpiffeId(service)),
            ["validation"] = AppMeshTls.Validation(context, callers),
        };
        return listener;
    }

    /// <summary>The listener's per-request timeout, keyed by its protocol as the API shapes it (review rows 16, 30).</summary>
    private static JsonObject ListenerTimeout(Service service, ServicePort port) => new()
    {
        [AppMeshNames.Protocol(port.Protocol)] = new JsonObject { ["perRequest"] = AppMeshValues.Duration(AppMeshContext.ListenerTimeout(service)) },
    };

    /// <summary>
    /// App Mesh has one pool shape per protocol: connections (and pending requests) for http, connections for
    /// tcp, requests only for http2 and grpc (API reference, VirtualNodeConnectionPool). What a shape lacks
    /// is said, not dropped (review row 25).
    /// </summary>
    private static JsonObject? ConnectionPool(AppMeshContext context, Service service, ServicePort port, CircuitBreaker breaker)
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
                var http = new JsonObject { ["maxConnections"] = connections };
                if (breaker.MaxPendingRequests is { } pending)
                    http["maxPendingRequests"] = pending;
                return new JsonObject { ["http"] = http };
            case ServiceProtocol.Tcp:
                Dropped("maxPendingRequests", breaker.MaxPendingRequests, "carry no requests (tcp pools limit connections only)");
                Dropped("maxRequests", breaker.MaxRequests, "carry no requests (tcp pools limit connections only)");
                return breaker.MaxConnections is { } tcpConnections
                    ? new JsonObject { ["tcp"] = new JsonObject { ["maxConnections"] = tcpConnections } }
                    : null;
            case ServiceProtocol.Http2 or ServiceProtocol.Grpc:
                // For cross-site traffic the serving meshfed gateway caps its connections to the service (maxConnections).
                Dropped("maxConnections", breaker.MaxConnections, "limit only concurrent requests (maxRequests); for cross-site traffic the serving meshfed gateway caps its own connections to the service");
                Dropped("maxPendingRequests", breaker.MaxPendingRequests, "limit only concurrent requests (maxRequests)");
                return breaker.MaxRequests is { } requests
                    ? new JsonObject { [protocol] = new JsonObject { ["maxRequests"] = requests } }
                    : null;
            default:
                return null;
        }
    }

    private static JsonObject Discovery(Service service, Deployment deployment) => deployment.Discovery switch
    {
        DnsDiscovery dns => new JsonObject { ["dns"] = new JsonObject { ["hostname"] = dns.Hostname } },
        CloudMapDiscovery cloudMap => new JsonObject
        {
            ["awsCloudMap"] = new JsonObject
            {
                ["namespaceName"] = cloudMap.NamespaceName,
                ["serviceName"] = cloudMap.ServiceName,
            },
        },
        // Static endpoints are rejected by validation on App Mesh sites; Kubernetes uses a Service per version.
        _ => new JsonObject { ["dns"] = new JsonObject { ["hostname"] = AppMeshNames.VersionHost(service, deployment.Version) } },
    };
}
