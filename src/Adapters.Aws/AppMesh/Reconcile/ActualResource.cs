using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>A resource as it exists in App Mesh: identity, spec as the API describes it, and its tags.</summary>
public sealed record ActualResource
{
    /// <summary>The kind.</summary>
    public required AppMeshResourceKind Kind { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The parent router or gateway (routes and gateway routes).</summary>
    public string? Parent { get; init; }

    /// <summary>The spec.</summary>
    public required JsonObject Spec { get; init; }

    /// <summary>The tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    /// <summary>True when meshfed manages it for <paramref name="mesh"/> on <paramref name="site"/> (the only resources apply ever updates or deletes).</summary>
    public bool IsOwnedBy(string mesh, string site) =>
        Tags.GetValueOrDefault("meshfed.dev/managed-by") == "meshfed"
        && Tags.GetValueOrDefault("meshfed.dev/mesh") == mesh
        && Tags.GetValueOrDefault("meshfed.dev/site") == site;
}
