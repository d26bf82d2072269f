namespace MeshFed.Model;

/// <summary>
/// How the mesh is named and addressed in Amazon VPC Lattice: the one place the Lattice renderer, the gateway's
/// delivery into Lattice and the Terraform inputs ask, so that they cannot drift apart. docs/lattice.md has the
/// design table with the documentation each rule comes from.
/// </summary>
public static class LatticeAddressing
{
    /// <summary>Service names: 3–40 characters, not starting with <c>svc-</c> (Smithy model, ServiceName).</summary>
    public const int MaxServiceNameLength = 40;

    /// <summary>Service network names: 3–63 characters (Smithy model, ServiceNetworkName).</summary>
    public const int MaxServiceNetworkNameLength = 63;

    /// <summary>
    /// The service network of the mesh: the mesh's name where it is a valid network name (a DNS label of at least
    /// three characters without "--"), else a fitted name. Service networks are regional, so each Lattice site's
    /// region holds one of this name.
    /// </summary>
    public static string ServiceNetworkName(FederatedMesh mesh) =>
        LatticeNames.IsValid(mesh.Name, 3, MaxServiceNetworkNameLength)
            ? mesh.Name
            : LatticeNames.Fit(mesh.Name, $"mesh/{mesh.Name}", MaxServiceNetworkNameLength);

    /// <summary>
    /// The Lattice service of a manifest service: <c>&lt;name&gt;-&lt;namespace&gt;</c> cut to fit, then a hash of
    /// <c>&lt;namespace&gt;/&lt;name&gt;</c> (<see cref="LatticeNames.Fit"/>), e.g. <c>orders-shop-1f0c2a9e</c>.
    /// </summary>
    public static string ServiceName(Service service) =>
        LatticeNames.Fit($"{service.Name}-{service.Namespace}", $"{service.Namespace}/{service.Name}", MaxServiceNameLength, "svc-");

    /// <summary>
    /// The service's custom domain name: its mesh host (<c>name.namespace.svc.cluster.local</c>), so callers keep
    /// the name they call and Lattice routes by it (Host header, and SNI on HTTPS). A custom domain resolves only
    /// through a DNS record the user (or the Terraform module) creates: a CNAME to the Lattice-generated name in a
    /// Route 53 private hosted zone ("Configure a custom domain name for your VPC Lattice service",
    /// docs.aws.amazon.com/vpc-lattice/latest/ug/service-custom-domain-name.html). It cannot change after creation
    /// and must be unique in the service network (same page, "Limitations and considerations").
    /// </summary>
    public static string CustomDomainName(Service service) => service.Host;

    /// <summary>
    /// The listener of a service port, or null for TCP (Lattice listens HTTP, HTTPS or TLS_PASSTHROUGH only; a
    /// plaintext TCP port has no listener: "Listeners for your VPC Lattice service", Listener configuration,
    /// docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html). HTTP/1.1 ports listen HTTP; HTTP/2 and gRPC ports
    /// listen HTTPS, because Lattice negotiates HTTP/2 only by ALPN on TLS ("When you configure a service with an
    /// HTTPS listener, VPC Lattice will automatically determine the HTTP protocol using ALPN. If ALPN is absent,
    /// VPC Lattice defaults to HTTP/1.1", same page), and the AWS Gateway API Controller accepts GRPCRoutes on
    /// HTTPS listeners only. The port is the service port, so callers keep the port they use.
    /// </summary>
    public static LatticeListener? Listener(ServicePort port) => port.Protocol switch
    {
        ServiceProtocol.Http => new LatticeListener($"http-{port.Port}", LatticeListenerProtocol.Http, port.Port),
        ServiceProtocol.Http2 or ServiceProtocol.Grpc => new LatticeListener($"https-{port.Port}", LatticeListenerProtocol.Https, port.Port),
        _ => null,
    };

    /// <summary>
    /// Where the meshfed gateway delivers a request for <paramref name="port"/> of <paramref name="service"/> into
    /// Lattice: the listener's scheme, the custom domain name and the service port; null for a port without a
    /// listener (TCP).
    /// </summary>
    public static LatticeDelivery? Delivery(Service service, ServicePort port) =>
        Listener(port) is { } listener ? new LatticeDelivery(listener.Scheme, CustomDomainName(service), listener.Port, ServiceName(service)) : null;

    /// <summary>
    /// The Lattice listener port on which callers in the site reach services that run elsewhere: the service port,
    /// like local services (the Lattice service forwards to a target group whose target is the meshfed gateway's
    /// local listener, <see cref="DataPath.LocalListenerPort"/>, cleartext HTTP/1.1 or h2c).
    /// </summary>
    public static int GatewayTargetPort => DataPath.LocalListenerPort;

    /// <summary>Target group names: 3–128 characters, not starting with <c>tg-</c> (Smithy model, TargetGroupName).</summary>
    public const int MaxTargetGroupNameLength = 128;

    /// <summary>
    /// The target group of one version of a service on one port at <paramref name="site"/>:
    /// <c>&lt;name&gt;-&lt;namespace&gt;-&lt;version&gt;-&lt;port&gt;</c> and a hash of mesh, site, service, version and port.
    /// Target group names are unique per account and Region, and a target group serves one service only ("You can
    /// specify the same target group in multiple listeners, but these listeners must belong to the same service",
    /// docs.aws.amazon.com/vpc-lattice/latest/ug/create-target-group.html), so the name carries the site too.
    /// ECS services and the AWS Gateway API Controller register the workloads' IPs into it.
    /// </summary>
    public static string VersionTargetGroupName(FederatedMesh mesh, Site site, Service service, string version, ServicePort port) =>
        LatticeNames.Fit($"{service.Name}-{service.Namespace}-{version}-{port.Port}",
            $"{mesh.Name}/{site.Name}/{service.Namespace}/{service.Name}/{version}/{port.Port}", MaxTargetGroupNameLength, "tg-");

    /// <summary>
    /// The target group through which a service's callers at <paramref name="site"/> reach its versions on other
    /// sites: the site's meshfed gateway (its local listener, <see cref="GatewayTargetPort"/>), one per service and
    /// HTTP version (a target group serves one service; <c>http1</c> for HTTP/1.1 ports, <c>http2</c>, cleartext
    /// HTTP/2, for HTTP/2 and gRPC ports). The gateway's ECS service or pods register into it.
    /// </summary>
    public static string GatewayTargetGroupName(FederatedMesh mesh, Site site, Service service, ServicePort port)
    {
        var http = port.IsHttp2 ? "http2" : "http1";
        return LatticeNames.Fit($"{service.Name}-{service.Namespace}-meshfed-gateway-{http}",
            $"{mesh.Name}/{site.Name}/{service.Namespace}/{service.Name}/gateway/{http}", MaxTargetGroupNameLength, "tg-");
    }

    /// <summary>
    /// During a migration from App Mesh (<see cref="Site.Migration"/>): the target group through which Lattice hands the
    /// App Mesh share of a service to the site's ingress virtual gateway (<see cref="DataPath.AppMeshIngressGateway"/>,
    /// port <see cref="DataPath.AppMeshIngressPort"/>, in the meshfed gateway's task or pod), one per service (a target
    /// group serves one service) and HTTP version of that gateway's one listener. Registered as the gateway's own group is.
    /// </summary>
    public static string AppMeshIngressTargetGroupName(FederatedMesh mesh, Site site, Service service, bool http2)
    {
        var http = http2 ? "http2" : "http1";
        return LatticeNames.Fit($"{service.Name}-{service.Namespace}-appmesh-ingress-{http}",
            $"{mesh.Name}/{site.Name}/{service.Namespace}/{service.Name}/appmesh-ingress/{http}", MaxTargetGroupNameLength, "tg-");
    }

    /// <summary>
    /// The IAM principal tag that names the manifest service a workload's task or pod role acts for
    /// (value <see cref="ServicePrincipalTagValue"/>). Lattice auth policies admit callers by it
    /// (<c>aws:PrincipalTag/…</c>, "Principal tags", docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html):
    /// the manifest names callers by service, not by role ARN, and an account id is not in the manifest.
    /// </summary>
    public const string ServicePrincipalTagKey = "meshfed.dev/service";

    /// <summary>The value of <see cref="ServicePrincipalTagKey"/>: <c>&lt;namespace&gt;/&lt;name&gt;</c>.</summary>
    public static string ServicePrincipalTagValue(string @namespace, string name) => $"{@namespace}/{name}";

    /// <summary>
    /// The IAM principal tag that marks the role of a site's meshfed gateway (value <see cref="GatewayPrincipalTagValue"/>):
    /// the auth policy of every service the site serves to other sites admits it, because the gateway has checked the
    /// SPIFFE allow rules before it delivers (docs/security.md).
    /// </summary>
    public const string GatewayPrincipalTagKey = "meshfed.dev/gateway";

    /// <summary>The value of <see cref="GatewayPrincipalTagKey"/>: <c>&lt;mesh&gt;/&lt;site&gt;</c>.</summary>
    public static string GatewayPrincipalTagValue(FederatedMesh mesh, Site site) => $"{mesh.Name}/{site.Name}";
}
