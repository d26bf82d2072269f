using System.Text.Json;
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

    /// <summary>A spec as the JSON object written under <c>spec:</c>.</summary>
    internal static System.Text.Json.Nodes.JsonObject SpecJson(IstioSpec spec) =>
        JsonSerializer.SerializeToNode(spec, IstioJsonContext.Default.IstioSpec)!.AsObject();
}
