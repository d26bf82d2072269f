using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>Connection and request limits to a host (istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings).</summary>
/// <param name="Tcp">Connection limits.</param>
/// <param name="Http">Request limits and protocol.</param>
public sealed record ConnectionPoolSettings(TcpSettings? Tcp = null, HttpSettings? Http = null);

/// <summary>destination-rule/#ConnectionPoolSettings-TCPSettings.</summary>
/// <param name="MaxConnections">Concurrent connections to the host.</param>
public sealed record TcpSettings(int MaxConnections);

/// <summary>destination-rule/#ConnectionPoolSettings-HTTPSettings.</summary>
/// <param name="Http1MaxPendingRequests">Requests queued waiting for a connection.</param>
/// <param name="Http2MaxRequests">Concurrent requests to the host.</param>
/// <param name="H2UpgradePolicy">Whether HTTP/1.1 is upgraded to HTTP/2.</param>
public sealed record HttpSettings(int? Http1MaxPendingRequests = null, int? Http2MaxRequests = null, H2UpgradePolicy? H2UpgradePolicy = null);

/// <summary>destination-rule/#ConnectionPoolSettings-HTTPSettings-H2UpgradePolicy, the value meshfed writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<H2UpgradePolicy>))]
public enum H2UpgradePolicy
{
    /// <summary>"Upgrade the connection to http2."</summary>
    [JsonStringEnumMemberName("UPGRADE")] Upgrade,
}
