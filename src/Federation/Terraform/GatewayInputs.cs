using System.Text.Json.Serialization;

namespace MeshFed.Federation.Terraform;

/// <summary>A site's gateway as the modules provision it (docs/data-path.md).</summary>
public sealed record GatewayInputs
{
    /// <summary>Where the other sites reach it (DNS name or IP).</summary>
    [JsonPropertyName("address")] public required string Address { get; init; }

    /// <summary>Peer listener (federation mTLS).</summary>
    [JsonPropertyName("peer_port")] public required int PeerPort { get; init; }

    /// <summary>Local listener (plain HTTP from the site's mesh).</summary>
    [JsonPropertyName("local_port")] public required int LocalPort { get; init; }

    /// <summary>Admin listener: /healthz, /readyz, /metrics; every health check uses it.</summary>
    [JsonPropertyName("admin_port")] public required int AdminPort { get; init; }

    /// <summary>
    /// Addresses (CIDRs) whose <c>x-forwarded-client-cert</c> the local listener trusts as the caller identity
    /// (<c>--trust-xfcc-from</c>); empty where no mesh sidecar fronts the gateway (<see cref="XfccTrust"/>).
    /// </summary>
    [JsonPropertyName("trust_xfcc_from")] public required IReadOnlyList<string> TrustXfccFrom { get; init; }
}
