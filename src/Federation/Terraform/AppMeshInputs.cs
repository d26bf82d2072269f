using System.Text.Json.Serialization;

namespace MeshFed.Federation.Terraform;

/// <summary>The App Mesh side of an App Mesh site: the mesh and the virtual gateway requests from other sites enter by.</summary>
public sealed record AppMeshInputs
{
    /// <summary>The App Mesh mesh (named after the manifest's mesh).</summary>
    [JsonPropertyName("mesh_name")] public required string MeshName { get; init; }

    /// <summary>The virtual gateway's name.</summary>
    [JsonPropertyName("virtual_gateway")] public required string VirtualGateway { get; init; }

    /// <summary>The virtual gateway's listener port.</summary>
    [JsonPropertyName("ingress_port")] public required int IngressPort { get; init; }

    /// <summary>
    /// The Cloud Map private DNS namespace in which the gateway's ECS service registers (platform ecs); the
    /// remote virtual nodes discover the gateway there.
    /// </summary>
    [JsonPropertyName("cloud_map_namespace")] public required string CloudMapNamespace { get; init; }

    /// <summary>The gateway's Cloud Map service name in <see cref="CloudMapNamespace"/>.</summary>
    [JsonPropertyName("cloud_map_service")] public required string CloudMapService { get; init; }

    /// <summary>
    /// The site's mesh trust domain: on EKS the virtual gateway's Envoy asks the SPIRE agent (SDS) for the
    /// SVID <c>spiffe://&lt;this&gt;/ns/&lt;namespace&gt;/sa/&lt;service account&gt;</c>.
    /// </summary>
    [JsonPropertyName("mesh_trust_domain")] public required string MeshTrustDomain { get; init; }
}
