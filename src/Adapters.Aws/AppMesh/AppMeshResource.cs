using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>
/// One App Mesh resource as the API takes it: its name, its parent router (routes only), its spec and the
/// tags that mark it as owned by this mesh. The spec's members are spelled as in the App Mesh API (restJson1).
/// </summary>
public sealed record AppMeshResource
{
    /// <summary>The kind (its spec's).</summary>
    public AppMeshResourceKind Kind => Spec.Kind;

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

    /// <summary>The spec, typed as the API shapes it.</summary>
    public required AppMeshSpec Spec { get; init; }

    /// <summary>Ownership tags (key, value), in order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; }

    /// <summary>The file a rendering writes it to: <c>virtualnode-orders-shop-v1.json</c>.</summary>
    public string FileName => $"{Kind.ToString().ToLowerInvariant()}-{(RouterName is null ? "" : RouterName + "-")}{Name}.json";

    /// <summary>The spec as the JSON the API takes (a new node each call).</summary>
    public JsonObject SpecJson() => JsonSerializer.SerializeToNode(Spec, AppMeshJsonContext.Default.AppMeshSpec)!.AsObject();

    /// <summary>
    /// The input of the Create operation, as <c>aws appmesh create-&lt;kind&gt; --cli-input-json</c> and the SDKs take it:
    /// <c>{meshName, [virtualRouterName], &lt;kind&gt;Name, spec, tags}</c> (see <see cref="Api.CreateInput"/>).
    /// </summary>
    public JsonObject CreateInput(string meshName) =>
        JsonSerializer.SerializeToNode(Api.CreateInput.Of(this, meshName), AppMeshJsonContext.Default.CreateInput)!.AsObject();
}
