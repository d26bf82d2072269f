using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
    /// everything downstream (files, the analysis) reads that JSON (<see cref="KubernetesObject.SpecUtf8"/>), kept in
    /// <paramref name="arena"/> (the translation's), or in an array of its own when none is given.
    /// </summary>
    public KubernetesObject ToKubernetes(IReadOnlyList<KeyValuePair<string, string>> labels, SpecArena? arena = null) => new()
    {
        ApiVersion = Spec.ApiVersion,
        Kind = Spec.Kind,
        Name = Name,
        Namespace = Namespace,
        Labels = labels,
        SpecUtf8 = arena is null
            ? JsonSerializer.SerializeToUtf8Bytes(Spec, TypeInfo)
            : arena.Serialize(Spec, TypeInfo),
    };

    private JsonTypeInfo TypeInfo => IstioJsonContext.Default.GetTypeInfo(Spec.GetType())!;
}
