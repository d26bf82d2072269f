using System.Text.Json.Nodes;

namespace MeshFed.Model.Rendering;

/// <summary>
/// One Kubernetes resource as rendered: identity plus a JSON spec whose key order is the order written,
/// so that output is byte-for-byte deterministic.
/// </summary>
public sealed record KubernetesObject
{
    /// <summary>e.g. <c>networking.istio.io/v1</c>.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>e.g. <c>VirtualService</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>metadata.name.</summary>
    public required string Name { get; init; }

    /// <summary>metadata.namespace; null for cluster-scoped kinds.</summary>
    public string? Namespace { get; init; }

    /// <summary>metadata.labels, in the order given.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; }

    /// <summary>The spec.</summary>
    public required JsonObject Spec { get; init; }

    /// <summary>The file a rendering writes it to: <c>kind-namespace-name.yaml</c>.</summary>
    public string FileName => Namespace is null ? $"{Kind.ToLowerInvariant()}-{Name}.yaml" : $"{Kind.ToLowerInvariant()}-{Namespace}-{Name}.yaml";

    /// <summary><c>Kind namespace/name</c>, for messages and sorting.</summary>
    public string Id => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>The whole resource as JSON (apiVersion, kind, metadata, spec).</summary>
    public JsonObject ToJson() => WithSpec(Spec.DeepClone());

    /// <summary>
    /// The whole resource as JSON around this object's own <see cref="Spec"/> node rather than a copy, for a reader
    /// that only reads: the analysis renders every site of the mesh, and at 10,000 services the copies were the
    /// largest part of its allocations and of the collector's work (bench/README.md, "Scale of the control side").
    /// A JSON node has one parent, so only the first call shares the spec; later ones get a copy.
    /// <see cref="ToJson"/> and <see cref="YamlWriter.Write(System.Text.StringBuilder, KubernetesObject)"/> still work after.
    /// </summary>
    public JsonObject ToJsonSharingSpec() => WithSpec(Spec.Parent is null ? Spec : Spec.DeepClone());

    /// <summary>
    /// Everything but the spec, in the order written: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> (name,
    /// namespace, labels). The one place the envelope of a rendered object is spelled.
    /// </summary>
    internal JsonObject Head()
    {
        var labels = new JsonObject();
        foreach (var (key, value) in Labels)
            labels[key] = value;
        var metadata = new JsonObject { ["name"] = Name };
        if (Namespace is not null)
            metadata["namespace"] = Namespace;
        metadata["labels"] = labels;
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = metadata,
        };
    }

    private JsonObject WithSpec(JsonNode spec)
    {
        var json = Head();
        json[SpecKey] = spec;
        return json;
    }

    /// <summary>The key of the spec, written last.</summary>
    internal const string SpecKey = "spec";
}
