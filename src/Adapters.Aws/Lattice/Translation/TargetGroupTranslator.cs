using System.Net;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// The target groups of one Lattice service, created on first use and in that order: one per local version and
/// port (type IP: ECS tasks, Kubernetes pods and static endpoints are addresses), and one per HTTP version for the
/// meshfed gateway, through which the service's versions on other sites are reached. A target group serves one
/// service only ("Create a VPC Lattice target group", docs.aws.amazon.com/vpc-lattice/latest/ug/create-target-group.html).
/// </summary>
internal sealed class TargetGroupTranslator(LatticeContext context, Service service)
{
    private readonly List<LatticeResource> _resources = [];
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);

    /// <summary>The CreateTargetGroup (and RegisterTargets) calls, in creation order.</summary>
    public IReadOnlyList<LatticeResource> Resources => _resources;

    /// <summary>How many target groups the service uses.</summary>
    public int Count => _created.Count;

    /// <summary>The target group of a local version on <paramref name="port"/>; its identifier placeholder.</summary>
    public string Version(string version, ServicePort port)
    {
        var name = LatticeAddressing.VersionTargetGroupName(context.Mesh, context.Site, service, version, port);
        if (_created.Add(name))
        {
            context.RecordTargetGroup(name, new LatticeTargetGroupOrigin(service, version, port));
            _resources.Add(new LatticeResource(LatticeOperation.CreateTargetGroup, name, new CreateTargetGroupInput
            {
                Name = name,
                Type = TargetGroupType.Ip,
                Config = new TargetGroupConfig
                {
                    Port = port.Port,
                    Protocol = TargetGroupProtocol.Http,
                    ProtocolVersion = ProtocolVersion(port.Protocol),
                    VpcIdentifier = LatticeRefs.VpcId,
                    HealthCheck = VersionHealthCheck(port),
                },
                Tags = context.Tags,
            }));
            RegisterStaticTargets(name, version, port);
        }
        return LatticeRefs.TargetGroup(name);
    }

    /// <summary>The meshfed gateway's target group for <paramref name="port"/>'s HTTP version; its identifier placeholder.</summary>
    public string Gateway(ServicePort port)
    {
        var name = LatticeAddressing.GatewayTargetGroupName(context.Mesh, context.Site, service, port);
        if (_created.Add(name))
        {
            context.RecordTargetGroup(name, new LatticeTargetGroupOrigin(service, Version: null, port));
            _resources.Add(new LatticeResource(LatticeOperation.CreateTargetGroup, name, new CreateTargetGroupInput
            {
                Name = name,
                Type = TargetGroupType.Ip,
                Config = new TargetGroupConfig
                {
                    // The gateway's local listener takes HTTP/1.1 and prior-knowledge h2c (docs/data-path.md).
                    Port = LatticeAddressing.GatewayTargetPort,
                    Protocol = TargetGroupProtocol.Http,
                    ProtocolVersion = port.IsHttp2 ? TargetGroupProtocolVersion.Http2 : TargetGroupProtocolVersion.Http1,
                    VpcIdentifier = LatticeRefs.VpcId,
                    // The gateway answers /healthz on its admin port: Lattice then sends nothing to a gateway that is not ready.
                    HealthCheck = GatewayHealthCheck,
                },
                Tags = context.Tags,
            }));
        }
        return LatticeRefs.TargetGroup(name);
    }

    /// <summary>
    /// During a migration from App Mesh: the group through which Lattice hands the service's App Mesh share to the site's
    /// ingress virtual gateway (docs/migration.md); its identifier placeholder. The virtual gateway's Envoy shares the
    /// meshfed gateway's task or pod, so its health is the gateway's <c>/healthz</c>, as for <see cref="Gateway"/>.
    /// </summary>
    public string AppMeshIngress(ServicePort port)
    {
        var http2 = Migration.MigrationIngress.SpeaksHttp2(context.View);
        var name = LatticeAddressing.AppMeshIngressTargetGroupName(context.Mesh, context.Site, service, http2);
        if (_created.Add(name))
        {
            context.RecordTargetGroup(name, new LatticeTargetGroupOrigin(service, Version: null, port, AppMeshIngress: true));
            _resources.Add(new LatticeResource(LatticeOperation.CreateTargetGroup, name, new CreateTargetGroupInput
            {
                Name = name,
                Type = TargetGroupType.Ip,
                Config = new TargetGroupConfig
                {
                    // The virtual gateway's listener has no TLS (the ingress speaks mesh mTLS to the nodes behind it).
                    Port = DataPath.AppMeshIngressPort,
                    Protocol = TargetGroupProtocol.Http,
                    ProtocolVersion = http2 ? TargetGroupProtocolVersion.Http2 : TargetGroupProtocolVersion.Http1,
                    VpcIdentifier = LatticeRefs.VpcId,
                    HealthCheck = GatewayHealthCheck,
                },
                Tags = context.Tags,
            }));
        }
        return LatticeRefs.TargetGroup(name);
    }

    private static HealthCheckConfig GatewayHealthCheck => new()
    {
        Enabled = true,
        Protocol = TargetGroupProtocol.Http,
        ProtocolVersion = TargetGroupProtocolVersion.Http1,
        Port = DataPath.AdminPort,
        Path = "/healthz",
    };

    /// <summary>The target protocol version of a port ("Protocol version", target-groups.html).</summary>
    private static TargetGroupProtocolVersion ProtocolVersion(ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Grpc => TargetGroupProtocolVersion.Grpc,
        ServiceProtocol.Http2 => TargetGroupProtocolVersion.Http2,
        _ => TargetGroupProtocolVersion.Http1,
    };

    /// <summary>
    /// HTTP/1.1 targets keep Lattice's default health check. HTTP/2 and gRPC targets are not checked: "Health checks do
    /// not support gRPC target group protocol versions", and HTTP2 groups have none by default ("Health checks for your
    /// VPC Lattice target groups", docs.aws.amazon.com/vpc-lattice/latest/ug/target-group-health-checks.html); the
    /// manifest names no health path to check instead. Said so, rather than left implicit.
    /// </summary>
    private static HealthCheckConfig? VersionHealthCheck(ServicePort port) => port.IsHttp2 ? new HealthCheckConfig { Enabled = false } : null;

    /// <summary>
    /// Static IP endpoints are the only targets the manifest knows: they are registered. Other discoveries leave
    /// the group empty for the platform to fill, which the site diagnostics say.
    /// </summary>
    private void RegisterStaticTargets(string targetGroup, string version, ServicePort port)
    {
        var targets = new List<Target>();
        foreach (var deployment in context.View.LocalDeployments(service).Where(d => d.Version == version))
        {
            switch (deployment.Discovery)
            {
                case StaticDiscovery fixedEndpoints:
                    foreach (var endpoint in fixedEndpoints.Endpoints)
                    {
                        if (Addresses.TryParseEndpoint(endpoint, out var host, out var endpointPort) && IPAddress.TryParse(host, out _))
                            targets.Add(new Target(host, endpointPort is { } p && p != port.Port ? p : null));
                        else
                            context.Warn(service, "deployments.discovery", $"static endpoint '{endpoint}' is not an IP address: a Lattice IP target group takes addresses, so it is not registered; register its addresses in {targetGroup} yourself");
                    }
                    break;
                case DnsDiscovery dns:
                    context.Warn(service, "deployments.discovery", $"Lattice target groups hold IP addresses, instances, Lambda functions or ALBs, not DNS names: version {version} ({dns.Hostname}) is not registered in {targetGroup}; register its addresses (or run it as an ECS service with a VPC Lattice configuration)");
                    break;
            }
        }
        foreach (var chunk in targets.Distinct().Chunk(LatticeLimits.MaxTargetsPerCall))
            _resources.Add(new LatticeResource(LatticeOperation.RegisterTargets, targetGroup, new RegisterTargetsInput { TargetGroupIdentifier = LatticeRefs.TargetGroup(targetGroup), Targets = chunk }));
    }
}
