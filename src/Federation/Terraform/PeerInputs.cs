using System.Text.Json.Serialization;

namespace MeshFed.Federation.Terraform;

/// <summary>Another site's gateway, which this site's peer listener admits and its gateway dials.</summary>
public sealed record PeerInputs
{
    /// <summary>The other site's name.</summary>
    [JsonPropertyName("site")] public required string Site { get; init; }

    /// <summary>Its gateway address as the manifest gives it.</summary>
    [JsonPropertyName("address")] public required string Address { get; init; }

    /// <summary>Its peer port.</summary>
    [JsonPropertyName("port")] public required int Port { get; init; }

    /// <summary>The address as a CIDR, or null when it is a DNS name (a firewall cannot admit a name).</summary>
    [JsonPropertyName("cidr")] public required string? Cidr { get; init; }
}
