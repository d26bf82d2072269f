using System.Text.Json.Nodes;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>
/// The core objects the controller rendering needs besides its custom resources (review rows 22, 13):
/// <list type="bullet">
/// <item>Each namespace holding custom resources, labelled <c>mesh: &lt;mesh&gt;</c>: the controller's webhook
/// resolves a resource's mesh from its namespace's labels and rejects it otherwise (controller
/// troubleshooting: "Namespaces is not labeled correctly"; the Mesh's <c>namespaceSelector</c>). Namespaces
/// of local workloads also get <c>appmesh.k8s.aws/sidecarInjectorWebhook: enabled</c>, so their pods get
/// Envoy; <c>meshfed-system</c> does not (its pod already runs the ingress Envoy as a container).</item>
/// <item>A selectorless Service per service that runs only on other sites, so that its name resolves here
/// (App Mesh troubleshooting, "Unable to resolve DNS name for a virtual service"; AWS's
/// walkthroughs/howto-k8s-mtls-sds-based creates Service <c>color</c> the same way).</item>
/// </list>
/// </summary>
internal static class ControllerNamespaces
{
    /// <summary>The controller's sidecar injector label (aws-app-mesh-controller-for-k8s, "sidecar injection").</summary>
    public const string InjectorLabel = "appmesh.k8s.aws/sidecarInjectorWebhook";

    public static IEnumerable<KubernetesObject> Translate(AppMeshRendering rendering, IReadOnlyList<KubernetesObject> customResources,
        IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var workloads = rendering.Resources.Where(r => r.PodLabels is not null).Select(r => r.CrNamespace!).ToHashSet(StringComparer.Ordinal);
        var meshNamespaces = customResources.Select(r => r.Namespace).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var all = meshNamespaces.Concat(rendering.RemoteOnlyServices.Select(s => s.Namespace)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var name in all)
        {
            var namespaceLabels = new List<KeyValuePair<string, string>>(labels);
            if (meshNamespaces.Contains(name))
                namespaceLabels.Add(new("mesh", rendering.MeshName));
            if (workloads.Contains(name))
                namespaceLabels.Add(new(InjectorLabel, "enabled"));
            yield return new KubernetesObject { ApiVersion = "v1", Kind = "Namespace", Name = name, Labels = namespaceLabels, Spec = [] };
        }
        foreach (var service in rendering.RemoteOnlyServices.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            // No selector: no endpoints, only a cluster IP for the name; the caller's Envoy intercepts the
            // connection and routes it by the virtual service.
            var ports = new JsonArray([.. service.Ports.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name ?? $"{WireNames<ServiceProtocol>.Of(p.Protocol)}-{p.Port}",
                ["port"] = p.Port,
                ["protocol"] = "TCP",
            })]);
            yield return new KubernetesObject
            {
                ApiVersion = "v1",
                Kind = "Service",
                Name = service.Name,
                Namespace = service.Namespace,
                Labels = labels,
                Spec = new JsonObject { ["ports"] = ports },
            };
        }
    }
}
