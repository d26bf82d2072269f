using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A virtual router (API shape VirtualRouterSpec).</summary>
/// <param name="Listeners">One per service port.</param>
public sealed record VirtualRouterSpec(IReadOnlyList<VirtualRouterListener> Listeners) : AppMeshSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override AppMeshResourceKind Kind => AppMeshResourceKind.VirtualRouter;
}

/// <summary>API shape VirtualRouterListener.</summary>
/// <param name="PortMapping">Port and protocol.</param>
public sealed record VirtualRouterListener(PortMapping PortMapping);
