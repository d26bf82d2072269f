using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>
/// One App Mesh resource as the API takes it: its name, its parent router (routes only), its spec and the
/// tags that mark it as owned by this mesh. The spec's members are spelled as in the App Mesh API (restJson1).
/// </summary>
public sealed record AppMeshResource
{
    /// <summary>The kind.</summary>
    public required AppMeshResourceKind Kind { get; init; }

    /// <summary>The resource's name (1–255 characters).</summary>
    public required string Name { get; init; }

    /// <summary>For routes: the virtual router they belong to; for gateway routes: the virtual gateway.</summary>
    public string? RouterName { get; init; }

    /// <summary>The Kubernetes namespace of its App Mesh controller custom resource (null for the cluster-scoped mesh).</summary>
    public string? CrNamespace { get; init; }

    /// <summary>The Kubernetes name of its custom resource (routes live inside their router's).</summary>
    public string? CrName { get; init; }

    /// <summary>For local virtual nodes: the labels of their pods (the controller's podSelector).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? PodLabels { get; init; }

    /// <summary>The spec.</summary>
    public required JsonObject Spec { get; init; }

    /// <summary>Ownership tags (key, value), in order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; }

    /// <summary>The lower-camel kind as the API spells member names (<c>virtualNode</c>).</summary>
    public string ApiKind => char.ToLowerInvariant(Kind.ToString()[0]) + Kind.ToString()[1..];

    /// <summary>The file a rendering writes it to: <c>virtualnode-orders-shop-v1.json</c>.</summary>
    public string FileName => $"{Kind.ToString().ToLowerInvariant()}-{(RouterName is null ? "" : RouterName + "-")}{Name}.json";

    /// <summary>
    /// The input of the Create operation, as <c>aws appmesh create-&lt;kind&gt; --cli-input-json</c> and the SDKs take it:
    /// <c>{meshName, [virtualRouterName], &lt;kind&gt;Name, spec, tags}</c>.
    /// </summary>
    public JsonObject CreateInput(string meshName)
    {
        var input = new JsonObject { ["meshName"] = meshName };
        if (RouterName is not null)
            input[Kind == AppMeshResourceKind.GatewayRoute ? "virtualGatewayName" : "virtualRouterName"] = RouterName;
        if (Kind != AppMeshResourceKind.Mesh)
            input[$"{ApiKind}Name"] = Name;
        input["spec"] = Spec.DeepClone();
        input["tags"] = new JsonArray([.. Tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
        return input;
    }
}
