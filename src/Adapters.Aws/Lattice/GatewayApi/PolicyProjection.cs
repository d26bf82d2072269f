using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Lattice.Translation;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Lattice.GatewayApi;

/// <summary>The controller's policies carrying what api/ sets on target groups and services, and the grant routes need to reach the gateway.</summary>
internal static class PolicyProjection
{
    /// <summary>
    /// The api/ service's auth policy on its route: the same document PutAuthPolicy takes ("IAMAuthPolicy API Reference":
    /// targetRef a Gateway, HTTPRoute or GRPCRoute; the policy is the Lattice auth policy as a string).
    /// </summary>
    public static KubernetesObject AuthPolicy(LatticeContext context, KubernetesObject route, PutAuthPolicyInput policy) =>
        GatewayApiProjection.Object(context, GatewayApiNames.ControllerApiVersion, "IAMAuthPolicy", route.Name, route.Namespace, new JsonObject
        {
            ["targetRef"] = new JsonObject { ["group"] = GatewayApiNames.GatewayGroup, ["kind"] = route.Kind, ["name"] = route.Name },
            ["policy"] = policy.Policy,
        });

    /// <summary>
    /// A backend Service's target group settings as api/ sets them. Without a policy the controller assumes plaintext
    /// HTTP/1 ("TargetGroupPolicy API Reference": attached to a Service that is a backendRef of an HTTPRoute or GRPCRoute,
    /// in the policy's namespace), so every backend gets one, named after its Service.
    /// </summary>
    public static KubernetesObject TargetGroupPolicy(LatticeContext context, (string Namespace, string Name, int Port) backend, TargetGroupConfig config)
    {
        var spec = new JsonObject
        {
            ["targetRef"] = new JsonObject { ["group"] = "", ["kind"] = "Service", ["name"] = backend.Name },
            ["protocol"] = Protocol(config.Protocol),
            ["protocolVersion"] = ProtocolVersion(config.ProtocolVersion),
        };
        if (config.HealthCheck is { } check)
            spec["healthCheck"] = HealthCheck(check);
        return GatewayApiProjection.Object(context, GatewayApiNames.ControllerApiVersion, "TargetGroupPolicy", backend.Name, backend.Namespace, spec);
    }

    /// <summary>
    /// Routes sending to the meshfed gateway's Services name another namespace: Gateway API admits such a backendRef only
    /// when the target namespace grants it ("ReferenceGrant", gateway-api.sigs.k8s.io/api-types/referencegrant/). Granted
    /// to exactly the route kinds and namespaces that send there, for exactly the gateway's Services they send to.
    /// </summary>
    public static KubernetesObject GatewayReferenceGrant(LatticeContext context, IEnumerable<(string Namespace, string Kind)> routes, IEnumerable<string> services) =>
        GatewayApiProjection.Object(context, GatewayApiNames.ReferenceGrantApiVersion, "ReferenceGrant", GatewayApiNames.GatewayReferenceGrant, GatewayApiNames.GatewayNamespace, new JsonObject
        {
            ["from"] = new JsonArray([.. routes.Select(r =>
                (JsonNode)new JsonObject { ["group"] = GatewayApiNames.GatewayGroup, ["kind"] = r.Kind, ["namespace"] = r.Namespace })]),
            ["to"] = new JsonArray([.. services.Select(name => (JsonNode)new JsonObject { ["group"] = "", ["kind"] = "Service", ["name"] = name })]),
        });

    private static JsonObject HealthCheck(HealthCheckConfig check)
    {
        var projected = new JsonObject { ["enabled"] = check.Enabled };
        if (check.Path is { } path)
            projected["path"] = path;
        if (check.Port is { } port)
            projected["port"] = port;
        if (check.Protocol is { } protocol)
            projected["protocol"] = Protocol(protocol);
        if (check.ProtocolVersion is { } version)
            projected["protocolVersion"] = ProtocolVersion(version);
        return projected;
    }

    private static string Protocol(TargetGroupProtocol protocol) => protocol switch
    {
        TargetGroupProtocol.Http => "HTTP",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    private static string ProtocolVersion(TargetGroupProtocolVersion version) => version switch
    {
        TargetGroupProtocolVersion.Http1 => "HTTP1",
        TargetGroupProtocolVersion.Http2 => "HTTP2",
        TargetGroupProtocolVersion.Grpc => "GRPC",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };
}
