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
}
