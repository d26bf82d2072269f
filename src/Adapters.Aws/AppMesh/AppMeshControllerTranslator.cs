using System.Text.Json;
using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Adapters.Aws.AppMesh.Controller;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>
/// The same App Mesh resources as custom resources of the App Mesh controller for Kubernetes
/// (<c>appmesh.k8s.aws/v1beta2</c>), for EKS users who manage the mesh with kubectl or GitOps. The specs are
/// the API's, except that references name custom resources (<c>virtualNodeRef</c>, <c>virtualServiceRef</c>,
/// <c>virtualRouterRef</c>) instead of App Mesh names, routes live inside their router, and every resource
/// keeps its App Mesh name in <c>awsName</c>.
/// </summary>
public static class AppMeshControllerTranslator
{
    private const string ApiVersion = "appmesh.k8s.aws/v1beta2";

    /// <summary>The custom resources of <paramref name="rendering"/>.</summary>
    public static IReadOnlyList<KubernetesObject> Translate(AppMeshRendering rendering, AppMeshRenderOptions? options = null)
    {
        var crds = new CrdProjection(rendering.Resources.Where(r => r.CrName is not null)
            .ToDictionary(r => (r.Kind, r.Name), r => new CrdReference(r.CrName!, r.CrNamespace)));
        var labels = new List<KeyValuePair<string, string>>(rendering.Resources[0].Tags.Select(t => new KeyValuePair<string, string>(
            t.Key == "meshfed.dev/managed-by" ? "app.kubernetes.io/managed-by" : t.Key, t.Value)));

        // Looked up per router: a scan per router would be routers × resources on a large site.
        var routesByRouter = rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.Route).ToLookup(r => r.RouterName, StringComparer.Ordinal);
        var result = new List<KubernetesObject>();
        foreach (var resource in rendering.Resources)
        {
            CrdSpec? spec = resource.Spec switch
            {
                MeshSpec mesh => CrdProjection.Mesh(resource, mesh, rendering.MeshName),
                VirtualNodeSpec node => crds.VirtualNode(resource, node),
                VirtualRouterSpec router => crds.VirtualRouter(resource, router, routesByRouter[resource.Name]),
                RouteSpec => null, // inside its router
                VirtualServiceSpec service => crds.VirtualService(resource, service),
                VirtualGatewaySpec gateway => CrdProjection.VirtualGateway(resource, gateway),
                GatewayRouteSpec gatewayRoute => crds.GatewayRoute(resource, gatewayRoute),
                _ => throw new InvalidOperationException($"no custom resource for {resource.Kind}"),
            };
            if (spec is null)
                continue;
            // The mesh is cluster-scoped and named by its App Mesh name; the rest by their custom resource names.
            var name = resource.Kind == AppMeshResourceKind.Mesh ? resource.Name : resource.CrName!;
            result.Add(Object(resource.Kind.ToString(), name, resource.CrNamespace, spec, labels));
        }
        return [.. ControllerNamespaces.Translate(rendering, result, labels), .. result];
    }

    private static KubernetesObject Object(string kind, string name, string? @namespace, CrdSpec spec, IReadOnlyList<KeyValuePair<string, string>> labels) => new()
    {
        ApiVersion = ApiVersion,
        Kind = kind,
        Name = name,
        Namespace = @namespace,
        Labels = labels,
        Spec = JsonSerializer.SerializeToNode(spec, ControllerJsonContext.Default.CrdSpec)!.AsObject(),
    };
}
