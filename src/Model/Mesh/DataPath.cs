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

    /// <summary>Local listener: plain HTTP inside the mesh (the mesh's own mTLS wraps it).</summary>
    public const int LocalListenerPort = 15080;

    /// <summary>Admin listener of the gateway: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> (Istio's status port number).</summary>
    public const int AdminPort = 15021;

    /// <summary>
    /// On App Mesh sites: the virtual gateway (an Envoy beside the meshfed gateway) through which requests from
    /// other sites enter the mesh, and its listener port.
    /// </summary>
    public const string AppMeshIngressGateway = "meshfed-ingress";

    /// <summary>Listener port of <see cref="AppMeshIngressGateway"/>.</summary>
    public const int AppMeshIngressPort = 15081;

    /// <summary>Header naming the site a request must go to (set by the caller's mesh, or the gateway).</summary>
    public const string SiteHeader = "x-meshfed-site";

    /// <summary>Header naming the version a request must go to.</summary>
    public const string VersionHeader = "x-meshfed-version";

    /// <summary>Header carrying the original caller's identity between gateways (stripped from non-peers).</summary>
    public const string CallerHeader = "x-meshfed-caller";

    /// <summary>In-cluster DNS name of the gateway's local listener.</summary>
    public static string GatewayHost => $"{GatewayService}.{GatewayNamespace}.svc.cluster.local";

    /// <summary>SPIFFE ID of a site's gateway in the federation trust domain.</summary>
    public static string GatewaySpiffeId(string trustDomain, string site) => $"spiffe://{trustDomain}/site/{site}/gateway";
}
