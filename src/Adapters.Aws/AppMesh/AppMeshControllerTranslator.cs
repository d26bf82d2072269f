using System.Text.Json.Nodes;
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
        var byName = rendering.Resources.Where(r => r.CrName is not null)
            .ToDictionary(r => (r.Kind, r.Name), r => new JsonObject { ["name"] = r.CrName, ["namespace"] = r.CrNamespace });
        JsonObject Ref(AppMeshResourceKind kind, string name) => byName[(kind, name)].DeepClone().AsObject();
        var labels = new List<KeyValuePair<string, string>>(rendering.Resources[0].Tags.Select(t => new KeyValuePair<string, string>(
            t.Key == "meshfed.dev/managed-by" ? "app.kubernetes.io/managed-by" : t.Key, t.Value)));

        // Looked up per router: a scan per router would be routers × resources on a large site.
        var routesByRouter = rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.Route).ToLookup(r => r.RouterName, StringComparer.Ordinal);
        var result = new List<KubernetesObject>();
        foreach (var resource in rendering.Resources)
        {
            var spec = resource.SpecJson();
            switch (resource.Kind)
            {
                case AppMeshResourceKind.Mesh:
                    spec.Insert(0, "awsName", resource.Name);
                    // Namespaces join the mesh by label, as the controller's sidecar injector expects.
                    spec.Insert(1, "namespaceSelector", new JsonObject { ["matchLabels"] = new JsonObject { ["mesh"] = rendering.MeshName } });
                    result.Add(Object("Mesh", resource.Name, null, spec, labels));
                    continue;
                case AppMeshResourceKind.VirtualNode:
                    foreach (var backend in spec["backends"]?.AsArray() ?? [])
                    {
                        var virtualService = backend!["virtualService"]!.AsObject();
                        var name = (string)virtualService["virtualServiceName"]!;
                        virtualService.Remove("virtualServiceName");
                        virtualService.Insert(0, "virtualServiceRef", Ref(AppMeshResourceKind.VirtualService, name));
                    }
                    break;
                case AppMeshResourceKind.VirtualRouter:
                    spec["routes"] = new JsonArray([.. routesByRouter[resource.Name].Select(r => (JsonNode)Route(r, Ref))]);
                    break;
                case AppMeshResourceKind.Route:
                    continue; // inside its router
                case AppMeshResourceKind.VirtualService:
                    var router = spec["provider"]!["virtualRouter"]!.AsObject();
                    var routerName = (string)router["virtualRouterName"]!;
                    router.Remove("virtualRouterName");
                    router["virtualRouterRef"] = Ref(AppMeshResourceKind.VirtualRouter, routerName);
                    break;
                case AppMeshResourceKind.VirtualGateway:
                    spec.Insert(0, "podSelector", new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = DataPath.AppMeshIngressGateway } });
                    spec.Insert(1, "namespaceSelector", new JsonObject
                    {
                        ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = DataPath.GatewayNamespace },
                    });
                    break;
                case AppMeshResourceKind.GatewayRoute:
                    foreach (var (_, route) in spec)
                    {
                        var target = route!["action"]!["target"]!["virtualService"]!.AsObject();
                        var name = (string)target["virtualServiceName"]!;
                        target.Remove("virtualServiceName");
                        target["virtualServiceRef"] = Ref(AppMeshResourceKind.VirtualService, name);
                    }
                    break;
            }
            spec.Insert(0, "awsName", resource.Name);
            if (resource.PodLabels is { } podLabels)
            {
                var matchLabels = new JsonObject();
                foreach (var (key, value) in podLabels)
                    matchLabels[key] = value;
                spec.Insert(1, "podSelector", new JsonObject { ["matchLabels"] = matchLabels });
            }
            result.Add(Object(resource.Kind.ToString(), resource.CrName!, resource.CrNamespace, spec, labels));
        }
        return [.. ControllerNamespaces.Translate(rendering, result, labels), .. result];
    }

    private static JsonObject Route(AppMeshResource route, Func<AppMeshResourceKind, string, JsonObject> reference)
    {
        var json = new JsonObject { ["name"] = route.Name };
        foreach (var (key, value) in route.SpecJson())
            json[key] = value!.DeepClone();
        foreach (var (key, body) in json.Where(p => p.Key.EndsWith("Route", StringComparison.Ordinal)).ToList())
        {
            foreach (var target in body!["action"]!["weightedTargets"]!.AsArray())
            {
                var node = (string)target!["virtualNode"]!;
                target.AsObject().Remove("virtualNode");
                target.AsObject().Insert(0, "virtualNodeRef", reference(AppMeshResourceKind.VirtualNode, node));
            }
        }
        return json;
    }

    private static KubernetesObject Object(string kind, string name, string? @namespace, JsonObject spec, IReadOnlyList<KeyValuePair<string, string>> labels) => new()
    {
        ApiVersion = ApiVersion,
        Kind = kind,
        Name = name,
        Namespace = @namespace,
        Labels = labels,
        Spec = spec,
    };
}
