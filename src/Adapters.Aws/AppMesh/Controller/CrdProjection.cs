using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>
/// Typed functions from the API shapes to the controller's, as the controller's own
/// <c>pkg/conversions/*_types_conversion.go</c> convert between its CRD types and the SDK's (there in the
/// other direction): App Mesh names become references to custom resources, found by
/// <paramref name="refs"/>, and everything else is carried over as it is.
/// </summary>
/// <param name="refs">The custom resource of each resource (by kind and App Mesh name).</param>
internal sealed class CrdProjection(IReadOnlyDictionary<(AppMeshResourceKind Kind, string Name), CrdReference> refs)
{
    private CrdReference Ref(AppMeshResourceKind kind, string name) => refs[(kind, name)];

    /// <summary>Namespaces join the mesh by label, as the controller's sidecar injector expects.</summary>
    public static CrdMeshSpec Mesh(AppMeshResource resource, MeshSpec spec, string meshName) =>
        new(resource.Name, Labels([new("mesh", meshName)]), spec.EgressFilter);

    public CrdVirtualNodeSpec VirtualNode(AppMeshResource resource, VirtualNodeSpec spec) => new(
        resource.Name,
        resource.PodLabels is { } pods ? Labels(pods) : null,
        spec.Listeners,
        spec.ServiceDiscovery,
        spec.Backends?.Select(b => new CrdBackend(new CrdVirtualServiceBackend(
            Ref(AppMeshResourceKind.VirtualService, b.VirtualService.VirtualServiceName), b.VirtualService.ClientPolicy))).ToList());

    public CrdVirtualRouterSpec VirtualRouter(AppMeshResource resource, VirtualRouterSpec spec, IEnumerable<AppMeshResource> routes) =>
        new(resource.Name, spec.Listeners, [.. routes.Select(r => Route(r.Name, (RouteSpec)r.Spec))]);

    public CrdVirtualServiceSpec VirtualService(AppMeshResource resource, VirtualServiceSpec spec) => new(
        resource.Name,
        new CrdVirtualServiceProvider(new CrdVirtualRouterServiceProvider(
            Ref(AppMeshResourceKind.VirtualRouter, spec.Provider.VirtualRouter.VirtualRouterName))));

    /// <summary>The ingress gateway's pods (by app label) in the gateway's namespace.</summary>
    public static CrdVirtualGatewaySpec VirtualGateway(AppMeshResource resource, VirtualGatewaySpec spec) => new(
        resource.Name,
        Labels([new("app", DataPath.AppMeshIngressGateway)]),
        Labels([new("kubernetes.io/metadata.name", DataPath.GatewayNamespace)]),
        spec.Listeners,
        spec.BackendDefaults);

    public CrdGatewayRouteSpec GatewayRoute(AppMeshResource resource, GatewayRouteSpec spec) =>
        new(resource.Name, GatewayRoute(spec.HttpRoute), GatewayRoute(spec.Http2Route));

    private CrdRoute Route(string name, RouteSpec spec) => new(
        name,
        spec.Priority,
        HttpRoute(spec.HttpRoute),
        spec.TcpRoute is { } tcp ? new CrdTcpRoute(Action(tcp.Action), tcp.Match) : null,
        HttpRoute(spec.Http2Route),
        spec.GrpcRoute is { } grpc ? new CrdGrpcRoute(grpc.Match, Action(grpc.Action), grpc.RetryPolicy, grpc.Timeout) : null);

    private CrdHttpRoute? HttpRoute(HttpRoute? route) =>
        route is null ? null : new CrdHttpRoute(route.Match, Action(route.Action), route.RetryPolicy, route.Timeout);

    private CrdRouteAction Action(RouteAction action) =>
        new([.. action.WeightedTargets.Select(t => new CrdWeightedTarget(Ref(AppMeshResourceKind.VirtualNode, t.VirtualNode), t.Weight, t.Port))]);

    private CrdHttpGatewayRoute? GatewayRoute(HttpGatewayRoute? route) => route is null ? null : new CrdHttpGatewayRoute(
        route.Match,
        new CrdHttpGatewayRouteAction(new CrdGatewayRouteTarget(
            new CrdGatewayRouteVirtualService(Ref(AppMeshResourceKind.VirtualService, route.Action.Target.VirtualService.VirtualServiceName)),
            route.Action.Target.Port)));

    private static LabelSelector Labels(IEnumerable<KeyValuePair<string, string>> labels) => new(new Dictionary<string, string>(labels));
}
