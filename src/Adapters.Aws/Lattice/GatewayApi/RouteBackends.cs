using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice.Translation;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.GatewayApi;

/// <summary>
/// The Kubernetes Services behind the api/ rendering's target groups of one route: a local version's group is that
/// version's Service on the port; the meshfed gateway's group is the gateway's Service for the HTTP version, in the
/// gateway's namespace; during a migration, the App Mesh share's group is the Service <c>meshfed-ingress</c> in front of the
/// ingress virtual gateway (docs/migration.md). Records which groups the route uses, for their TargetGroupPolicies.
/// </summary>
internal sealed class RouteBackends(Service service, IReadOnlyDictionary<string, LatticeTargetGroupOrigin> origins)
{
    private readonly List<string> _used = [];

    /// <summary>The target group placeholders the route forwards to, in first-use order.</summary>
    public IReadOnlyList<string> Used => _used;

    /// <summary>The Service a target group placeholder stands for: (namespace, name, port).</summary>
    public (string Namespace, string Name, int Port) Reference(string targetGroup)
    {
        var origin = origins[targetGroup];
        if (origin.AppMeshIngress)
            return (GatewayApiNames.GatewayNamespace, DataPath.AppMeshIngressGateway, DataPath.AppMeshIngressPort);
        return origin.Version is { } version
            ? (service.Namespace, GatewayApiNames.VersionService(service, version), origin.Port.Port)
            : (GatewayApiNames.GatewayNamespace, GatewayApiNames.GatewayService(origin.Port.IsHttp2), LatticeAddressing.GatewayTargetPort);
    }

    /// <summary>A backendRef with the api/ rendering's weight; the namespace only when it is not the route's.</summary>
    public JsonObject BackendRef(string targetGroup, int weight)
    {
        if (!_used.Contains(targetGroup))
            _used.Add(targetGroup);
        var (ns, name, port) = Reference(targetGroup);
        var backend = new JsonObject { ["group"] = "", ["kind"] = "Service", ["name"] = name };
        if (ns != service.Namespace)
            backend["namespace"] = ns;
        backend["port"] = port;
        backend["weight"] = weight;
        return backend;
    }
}
