using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// A PeerAuthentication (istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication):
/// what the selected workloads accept at the transport, and per port.
/// </summary>
/// <param name="Selector">The workloads.</param>
/// <param name="Mtls">The workloads' mode.</param>
/// <param name="PortLevelMtls">Modes by workload port (the key is written as a string, as the map's JSON form requires).</param>
public sealed record PeerAuthenticationSpec(WorkloadSelector Selector, MutualTls Mtls, IReadOnlyDictionary<int, MutualTls>? PortLevelMtls = null) : IstioSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string ApiVersion => SecurityApi;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => "PeerAuthentication";
}

/// <summary>peer_authentication/#PeerAuthentication-MutualTLS.</summary>
/// <param name="Mode">The mode.</param>
public sealed record MutualTls(MutualTlsMode Mode);

/// <summary>peer_authentication/#PeerAuthentication-MutualTLS-Mode, the values meshfed writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MutualTlsMode>))]
public enum MutualTlsMode
{
    /// <summary>"Connection is not tunneled."</summary>
    [JsonStringEnumMemberName("DISABLE")] Disable,

    /// <summary>"Connection can be either plaintext or mTLS tunnel."</summary>
    [JsonStringEnumMemberName("PERMISSIVE")] Permissive,

    /// <summary>"Connection is an mTLS tunnel (TLS with client cert must be presented)."</summary>
    [JsonStringEnumMemberName("STRICT")] Strict,
}
