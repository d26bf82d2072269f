using System.Text.Json.Nodes;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// Virtual nodes: one per version running on this site (listeners with outlier detection, connection pool
/// and mTLS; DNS or Cloud Map discovery; backends), and one per service whose traffic leaves the site, whose
/// only endpoint is the meshfed gateway's local listener.
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
            spec["backends"] = new JsonArray([.. backends.Select(b => (JsonNode)new JsonObject
            {
                ["virtualService"] = new JsonObject { ["virtualServiceName"] = AppMeshNames.VirtualService(b) },
            })]);
        }
        if (service.Security.Mtls == MtlsMode.Strict)
        {
            spec["backendDefaults"] = new JsonObject
            {
                ["clientPolicy"] = new JsonObject
                {
                    ["tls"] = new JsonObject
                    {
                        ["enforce"] = true,
                        ["certificate"] = new JsonObject { ["sds"] = new JsonObject { ["secretName"] = context.SpiffeId(service) } },
                        ["validation"] = TrustValidation(context),
                    },
                },
            };
        }
        return context.Resource(AppMeshResourceKind.VirtualNode, AppMeshNames.Node(service, deployment.Version), spec,
            cr: (service.Namespace, $"{service.Name}-{deployment.Version}")) with
        {
            PodLabels = [new("app", service.Name), new("version", deployment.Version)],
        };
    }

    public static AppMeshResource Remote(AppMeshContext context, Service service)
    {
        // The gateway's local listener speaks HTTP/1.1 and h2c; it re-applies the remote part of the split.
        var protocol = service.Ports.Any(p => p.IsHttp2) ? "http2" : "http";
        var spec = new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = new JsonObject { ["port"] = DataPath.LocalListenerPort, ["protocol"] = protocol },
            }),
            ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = DataPath.GatewayHost } },
        };
        return context.Resource(AppMeshResourceKind.VirtualNode, AppMeshNames.RemoteNode(service), spec, cr: context.CrHome(service, "-remote"));
    }

    private static JsonObject Listener(AppMeshContext context, Service service, ServicePort port)
    {
        var listener = new JsonObject
        {
            ["portMapping"] = new JsonObject { ["port"] = port.Port, ["protocol"] = AppMeshNames.Protocol(port.Protocol) },
        };
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
        listener["tls"] = new JsonObject
        {
            ["mode"] = service.Security.Mtls == MtlsMode.Strict ? "STRICT" : "PERMISSIVE",
            ["certificate"] = new JsonObject { ["sds"] = new JsonObject { ["secretName"] = context.SpiffeId(service) } },
            ["validation"] = TrustValidation(context),
        };
        return listener;
    }

    /// <summary>App Mesh has one pool shape per protocol: connections for http/tcp, requests for http2/grpc.</summary>
    private static JsonObject? ConnectionPool(AppMeshContext context, Service service, ServicePort port, CircuitBreaker breaker)
    {
        switch (port.Protocol)
        {
            case ServiceProtocol.Http when breaker.MaxConnections is { } connections:
                var http = new JsonObject { ["maxConnections"] = connections };
                if (breaker.MaxPendingRequests is { } pending)
                    http["maxPendingRequests"] = pending;
                return new JsonObject { ["http"] = http };
            case ServiceProtocol.Tcp when breaker.MaxConnections is { } connections:
                return new JsonObject { ["tcp"] = new JsonObject { ["maxConnections"] = connections } };
            case ServiceProtocol.Http2 or ServiceProtocol.Grpc when breaker.MaxRequests is { } requests:
                return new JsonObject { [AppMeshNames.Protocol(port.Protocol)] = new JsonObject { ["maxRequests"] = requests } };
            case ServiceProtocol.Http when breaker.MaxPendingRequests is not null:
                context.Warn(service, "circuitBreaker.maxPendingRequests",
                    "App Mesh limits pending requests only together with maxConnections; not rendered, the meshfed gateway enforces it for cross-site traffic");
                return null;
            default:
                return null;
        }
    }

    private static JsonObject TrustValidation(AppMeshContext context) => new()
    {
        ["trust"] = new JsonObject { ["sds"] = new JsonObject { ["secretName"] = $"spiffe://{context.Options.MeshTrustDomain}" } },
    };

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
