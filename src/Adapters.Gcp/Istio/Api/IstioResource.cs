using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>One Istio resource a translator produced: its name, its namespace and its typed spec.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Namespace">metadata.namespace.</param>
/// <param name="Spec">The spec, which also gives the apiVersion and kind.</param>
public sealed record IstioResource(string Name, string Namespace, IstioSpec Spec)
{
    /// <summary>
    /// The Kubernetes object rendered from it, labelled <paramref name="labels"/>: the spec is serialised once
    /// here, and everything downstream (files, the analysis) reads that JSON.
    /// </summary>
    public KubernetesObject ToKubernetes(IReadOnlyList<KeyValuePair<string, string>> labels) => new()
    {
        ApiVersion = Spec.ApiVersion,
        Kind = Spec.Kind,
        Name = Name,
        Namespace = Namespace,
        Labels = labels,
        Spec = SpecJson(Spec),
    };

    /// <summary>
    /// The spec as JSON, serialised as its own type (not through the <see cref="IstioSpec"/> base), so the
    /// generated fast path writes it, into a tree built whole: the analysis reads the specs of every site path after
    /// path and the written site is read whole, which at 10,000 services cost more through a lazily read tree
    /// (<see cref="JsonTree"/>).
    /// </summary>
    private static JsonObject SpecJson(IstioSpec spec) =>
        JsonTree.Object(spec, IstioJsonContext.Default.GetTypeInfo(spec.GetType())!);
}
