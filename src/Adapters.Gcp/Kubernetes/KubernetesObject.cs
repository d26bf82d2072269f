using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Gcp.Kubernetes;

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

    /// <summary>metadata.namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>metadata.labels, in the order given.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; }

    /// <summary>The spec.</summary>
    public required JsonObject Spec { get; init; }

    /// <summary>The file a rendering writes it to: <c>kind-namespace-name.yaml</c>.</summary>
    public string FileName => $"{Kind.ToLowerInvariant()}-{Namespace}-{Name}.yaml";

    /// <summary><c>Kind namespace/name</c>, for messages and sorting.</summary>
    public string Id => $"{Kind} {Namespace}/{Name}";

    /// <summary>The whole resource as JSON (apiVersion, kind, metadata, spec).</summary>
    public JsonObject ToJson()
    {
        var labels = new JsonObject();
        foreach (var (key, value) in Labels)
            labels[key] = value;
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace, ["labels"] = labels },
            ["spec"] = Spec.DeepClone(),
        };
    }
}
