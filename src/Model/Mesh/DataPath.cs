namespace MeshFed.Model;

/// <summary>
/// The cross-site data path contract every mesh adapter and the gateway keep to (docs/data-path.md):
/// where the gateway runs inside a site's mesh, its ports, and the headers that pin a request's site and
/// version. Changing a value here changes all three parts together.
/// </summary>
public static class DataPath
{
    /// <summary>Namespace of the meshfed gateway inside a site's cluster.</summary>
    public const string GatewayNamespace = "meshfed-system";

    /// <summary>Name of the gateway's Kubernetes Service (and workload label <c>app</c>).</summary>
    public const string GatewayService = "meshfed-gateway";

    /// <summary>The gateway's Kubernetes service account (its identity inside the site's mesh).</summary>
    public const string GatewayServiceAccount = "meshfed-gateway";

    // Every port below is outside the ports the site meshes' proxies own: Istio's sidecar and istiod use
    // 15000, 15001, 15004, 15006, 15008, 15009, 15010, 15012, 15014, 15017, 15020, 15021, 15053 and 15090
    // ("Ports used by Istio", istio.io/latest/docs/ops/deployment/application-requirements/), App Mesh's Envoy
    // 9901, 15000 and 15001 (docs.aws.amazon.com/app-mesh/latest/userguide/envoy.html). A gateway pod with a
    // sidecar binds them next to Envoy, so none may collide; 15100-15199 is left free by both.

    /// <summary>Local listener: HTTP/1.1 and prior-knowledge h2c from the site's mesh (the mesh's own mTLS wraps it).</summary>
    public const int LocalListenerPort = 15180;

    /// <summary>Admin listener of the gateway: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>.</summary>
    public const int AdminPort = 15190;

    /// <summary>
    /// On App Mesh sites: the virtual gateway (an Envoy beside the meshfed gateway) through which requests from
    /// other sites enter the mesh, and its listener port.
    /// </summary>
    public const string AppMeshIngressGateway = "meshfed-ingress";

    /// <summary>Listener port of <see cref="AppMeshIngressGateway"/>.</summary>
    public const int AppMeshIngressPort = 15181;

    /// <summary>
    /// On App Mesh sites whose gateway runs on ECS: the AWS Cloud Map private DNS namespace (created by the
    /// aws-gateway module in the site's VPC) in which the gateway's ECS service registers as
    /// <see cref="GatewayService"/>; the remote virtual nodes discover the gateway there.
    /// </summary>
    public const string AwsCloudMapNamespace = "meshfed-system.local";

    /// <summary>Header naming the site a request must go to (set by the caller's mesh, or the gateway).</summary>
    public const string SiteHeader = "x-meshfed-site";

    /// <summary>Header naming the version a request must go to.</summary>
    public const string VersionHeader = "x-meshfed-version";

    /// <summary>Header carrying the original caller's identity between gateways (stripped from non-peers).</summary>
    public const string CallerHeader = "x-meshfed-caller";

    /// <summary>
    /// Header naming the service port a request was sent to, set by the caller's mesh on routes to the gateway
    /// (the gateway's local listener is one port for every service port, so the Host alone cannot tell which
    /// of a multi-port service's ports was meant when it carries none).
    /// </summary>
    public const string PortHeader = "x-meshfed-port";

    /// <summary>In-cluster DNS name of the gateway's local listener.</summary>
    public static string GatewayHost => $"{GatewayService}.{GatewayNamespace}.svc.cluster.local";

    /// <summary>SPIFFE ID of a site's gateway in the federation trust domain.</summary>
    public static string GatewaySpiffeId(string trustDomain, string site) => $"spiffe://{trustDomain}/site/{site}/gateway";
}
