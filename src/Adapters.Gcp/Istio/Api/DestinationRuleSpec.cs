using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// A DestinationRule (istio.io/latest/docs/reference/config/networking/destination-rule/#DestinationRule): how
/// callers' sidecars talk to a host, and its named subsets (the versions routes send to).
/// </summary>
/// <param name="Host">The registry host.</param>
/// <param name="TrafficPolicy">The host's policy.</param>
/// <param name="Subsets">One per version, selected by label (written even when empty).</param>
public sealed record DestinationRuleSpec(string Host, TrafficPolicy TrafficPolicy, IReadOnlyList<Subset>? Subsets = null) : IstioSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string ApiVersion => NetworkingApi;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => "DestinationRule";
}

/// <summary>A named subset of a host's endpoints (destination-rule/#Subset).</summary>
/// <param name="Name">The subset's name (routes' <c>destination.subset</c>).</param>
/// <param name="Labels">The endpoints' labels.</param>
/// <param name="TrafficPolicy">Overrides the host's policy for this subset.</param>
public sealed record Subset(string Name, IReadOnlyDictionary<string, string> Labels, TrafficPolicy? TrafficPolicy = null);

/// <summary>A traffic policy (destination-rule/#TrafficPolicy).</summary>
/// <param name="LoadBalancer">How endpoints are chosen.</param>
/// <param name="ConnectionPool">Connection and request limits.</param>
/// <param name="OutlierDetection">Ejection of failing endpoints.</param>
/// <param name="Tls">What the caller's sidecar originates.</param>
/// <param name="PortLevelSettings">Overrides per port.</param>
public sealed record TrafficPolicy(
    LoadBalancerSettings? LoadBalancer = null,
    ConnectionPoolSettings? ConnectionPool = null,
    OutlierDetection? OutlierDetection = null,
    ClientTlsSettings? Tls = null,
    IReadOnlyList<PortTrafficPolicy>? PortLevelSettings = null);

/// <summary>A port's policy (destination-rule/#TrafficPolicy-PortTrafficPolicy).</summary>
/// <param name="Port">The port.</param>
/// <param name="ConnectionPool">Connection settings on it.</param>
/// <param name="Tls">What the caller's sidecar originates on it.</param>
public sealed record PortTrafficPolicy(PortSelector Port, ConnectionPoolSettings? ConnectionPool = null, ClientTlsSettings? Tls = null);

/// <summary>What the caller's sidecar originates (destination-rule/#ClientTLSSettings).</summary>
/// <param name="Mode">The mode.</param>
/// <param name="Sni">The SNI sent (mode SIMPLE).</param>
public sealed record ClientTlsSettings(TlsMode Mode, string? Sni = null);

/// <summary>ClientTLSSettings.TLSmode (destination-rule/#ClientTLSSettings-TLSmode), the values meshfed writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsMode>))]
public enum TlsMode
{
    /// <summary>"Do not setup a TLS connection to the upstream endpoint."</summary>
    [JsonStringEnumMemberName("DISABLE")] Disable,

    /// <summary>"Originate a TLS connection to the upstream endpoint."</summary>
    [JsonStringEnumMemberName("SIMPLE")] Simple,

    /// <summary>Istio mTLS with the workload certificates the mesh issues.</summary>
    [JsonStringEnumMemberName("ISTIO_MUTUAL")] IstioMutual,
}

/// <summary>
/// Outlier detection (destination-rule/#OutlierDetection): consecutive 5xx eject an endpoint for a while.
/// </summary>
/// <param name="Consecutive5xxErrors">5xx in a row before ejection.</param>
/// <param name="Interval">An Istio duration between sweeps.</param>
/// <param name="BaseEjectionTime">An Istio duration: the first ejection's length.</param>
/// <param name="MaxEjectionPercent">The most endpoints ejected at once, in percent.</param>
public sealed record OutlierDetection(int Consecutive5xxErrors, string Interval, string BaseEjectionTime, int MaxEjectionPercent);
