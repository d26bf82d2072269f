using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A virtual service (API shape VirtualServiceSpec).</summary>
/// <param name="Provider">What serves it.</param>
public sealed record VirtualServiceSpec(VirtualServiceProvider Provider) : AppMeshSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override AppMeshResourceKind Kind => AppMeshResourceKind.VirtualService;
}

/// <summary>API union VirtualServiceProvider (meshfed always provides by router).</summary>
/// <param name="VirtualRouter">The router.</param>
public sealed record VirtualServiceProvider(VirtualRouterServiceProvider VirtualRouter);

/// <summary>API shape VirtualRouterServiceProvider.</summary>
/// <param name="VirtualRouterName">The router's name.</param>
public sealed record VirtualRouterServiceProvider(string VirtualRouterName);
