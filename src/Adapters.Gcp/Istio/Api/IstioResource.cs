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
    /// The Kubernetes object rendered from it, labelled <paramref name="labels"/>: the spec is serialised once here,
    /// as its own type (not through the <see cref="IstioSpec"/> base, so the generated fast path writes it), and
    /// everything downstream (files, the analysis) reads that JSON (<see cref="KubernetesObject.SpecUtf8"/>).
    /// </summary>
    public KubernetesObject ToKubernetes(IReadOnlyList<KeyValuePair<string, string>> labels) => new()
    {
        ApiVersion = Spec.ApiVersion,
        Kind = Spec.Kind,
        Name = Name,
        Namespace = Namespace,
        Labels = labels,
        SpecUtf8 = JsonSerializer.SerializeToUtf8Bytes(Spec, IstioJsonContext.Default.GetTypeInfo(Spec.GetType())!),
    };
}
