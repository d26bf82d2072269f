namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>Settings of a render that are about the AWS account, not the mesh.</summary>
public sealed record AppMeshRenderOptions
{
    /// <summary>Defaults.</summary>
    public static AppMeshRenderOptions Default { get; } = new();

    /// <summary>
    /// The SPIRE trust domain of the site's App Mesh (its own CA). Workload certificates come over SDS, named
    /// by SPIFFE ID: <c>spiffe://&lt;domain&gt;/ns/&lt;namespace&gt;/sa/&lt;service&gt;</c>.
    /// </summary>
    public string MeshTrustDomain { get; init; } = "cluster.local";

    /// <summary>What a node may reach outside the mesh: ALLOW_ALL (App Mesh's default) or DROP_ALL.</summary>
    public string EgressFilter { get; init; } = "ALLOW_ALL";
}
