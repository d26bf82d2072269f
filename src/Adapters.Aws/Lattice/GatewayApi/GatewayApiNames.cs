using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.GatewayApi;

/// <summary>
/// The Kubernetes names of the Gateway API projection (docs/lattice.md, "gateway-api/"). The Lattice names themselves
/// (service network, custom domains, listeners) come from <see cref="LatticeAddressing"/> through the api/ rendering.
/// </summary>
public static class GatewayApiNames
{
    /// <summary>The GatewayClass the AWS Gateway API Controller reconciles ("Deploy the controller", gateway-api-controller.eks.aws.dev).</summary>
    public const string GatewayClass = "amazon-vpc-lattice";

    /// <summary>The controller's name in the GatewayClass.</summary>
    public const string ControllerName = "application-networking.k8s.aws/gateway-api-controller";

    /// <summary>Gateway API's group and its objects' version.</summary>
    public const string GatewayGroup = "gateway.networking.k8s.io";

    /// <summary>GatewayClass, Gateway, HTTPRoute, GRPCRoute.</summary>
    public const string GatewayApiVersion = "gateway.networking.k8s.io/v1";

    /// <summary>ReferenceGrant's version in the standard channel.</summary>
    public const string ReferenceGrantApiVersion = "gateway.networking.k8s.io/v1beta1";

    /// <summary>The controller's own kinds (TargetGroupPolicy, IAMAuthPolicy).</summary>
    public const string ControllerApiVersion = "application-networking.k8s.aws/v1alpha1";

    /// <summary>The Gateway's namespace: the meshfed gateway's, so that the Service network's Kubernetes side sits with meshfed's own objects.</summary>
    public const string GatewayNamespace = DataPath.GatewayNamespace;

    /// <summary>
    /// The Kubernetes Service of one version of a service, in the service's namespace: a route can weigh Services,
    /// not pods, so each version is a Service selecting that version's pods. <c>&lt;name&gt;-&lt;version&gt;-&lt;hash&gt;</c>
    /// (a DNS-1035 label of at most 63 characters): <c>a-b</c> version <c>c</c> and <c>a</c> version <c>b-c</c> read
    /// alike, their hashed keys do not.
    /// </summary>
    public static string VersionService(Service service, string version) =>
        LatticeNames.Fit($"{service.Name}-{version}", $"{service.Namespace}/{service.Name}/{version}", 63);

    /// <summary>
    /// The Kubernetes Service in front of the meshfed gateway's local listener for one HTTP version: a TargetGroupPolicy
    /// sets one protocol version per Service, and the api/ rendering has one gateway target group per HTTP version.
    /// </summary>
    public static string GatewayService(bool http2) => $"{DataPath.GatewayService}-lattice-{(http2 ? "http2" : "http1")}";

    /// <summary>The ReferenceGrant that lets routes in the services' namespaces send to the gateway's Services.</summary>
    public const string GatewayReferenceGrant = "meshfed-lattice-routes";
}
