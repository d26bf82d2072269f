using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>How model entities are named in App Mesh (names are unique per mesh, so they carry the namespace).</summary>
internal static class AppMeshNames
{
    public static string Router(Service service) => $"{service.Name}-{service.Namespace}";

    public static string Node(Service service, string version) => $"{service.Name}-{service.Namespace}-{version}";

    /// <summary>The node standing for "this service on other sites": its endpoint is the site's meshfed gateway.</summary>
    public static string RemoteNode(Service service) => $"{service.Name}-{service.Namespace}-remote";

    /// <summary>
    /// The remote node of one request-aware port. A node's single listener on the gateway's port has one
    /// protocol, so a service with several request-aware ports gets one remote node per port (review rows 8, 11).
    /// </summary>
    public static string RemoteNode(Service service, ServicePort port) =>
        AppMeshContext.RequestPorts(service).Count > 1 ? $"{RemoteNode(service)}-{port.Port}" : RemoteNode(service);

    /// <summary>A route's name within its router: the manifest's, suffixed with the port when the router has several listeners.</summary>
    public static string Route(Service service, string name, ServicePort port) => service.Ports.Count > 1 ? $"{name}-{port.Port}" : name;

    /// <summary>The gateway route of one served port.</summary>
    public static string GatewayRoute(Service service, ServicePort port) =>
        AppMeshContext.RequestPorts(service).Count > 1 ? $"{Router(service)}-{port.Port}" : Router(service);

    /// <summary>Virtual services are named by the host callers use.</summary>
    public static string VirtualService(Service service) => service.Host;

    /// <summary>
    /// Kubernetes discovery on App Mesh needs one DNS name per version (App Mesh nodes are per version):
    /// the convention is a Service per version, <c>name-version.namespace.svc.cluster.local</c>.
    /// </summary>
    public static string VersionHost(Service service, string version) => $"{service.Name}-{version}.{service.Namespace}.svc.cluster.local";

    /// <summary>App Mesh protocol words.</summary>
    public static string Protocol(ServiceProtocol protocol) => WireNames<ServiceProtocol>.Of(protocol);
}
