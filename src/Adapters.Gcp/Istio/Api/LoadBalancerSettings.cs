using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// How endpoints are chosen (istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings):
/// a simple algorithm or a consistent hash (a oneOf), and the locality failover order.
/// </summary>
/// <param name="Simple">A simple algorithm.</param>
/// <param name="ConsistentHash">A hash ring.</param>
/// <param name="LocalityLbSetting">Failover between regions.</param>
public sealed record LoadBalancerSettings(SimpleLb? Simple = null, ConsistentHashLb? ConsistentHash = null, LocalityLoadBalancerSetting? LocalityLbSetting = null);

/// <summary>LoadBalancerSettings.SimpleLB (destination-rule/#LoadBalancerSettings-SimpleLB), the values meshfed writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SimpleLb>))]
public enum SimpleLb
{
    /// <summary>In turn.</summary>
    [JsonStringEnumMemberName("ROUND_ROBIN")] RoundRobin,

    /// <summary>The one of two random endpoints with fewer active requests.</summary>
    [JsonStringEnumMemberName("LEAST_REQUEST")] LeastRequest,

    /// <summary>At random.</summary>
    [JsonStringEnumMemberName("RANDOM")] Random,
}

/// <summary>
/// A consistent hash (destination-rule/#LoadBalancerSettings-ConsistentHashLB): the key is a oneOf of a header, a
/// cookie and the source IP, so it is made only through <see cref="Header"/>, <see cref="Cookie"/> and <see cref="SourceIp"/>.
/// </summary>
public sealed record ConsistentHashLb
{
    private ConsistentHashLb()
    {
    }

    /// <summary>Hash on this request header.</summary>
    public string? HttpHeaderName { get; private init; }

    /// <summary>Hash on this cookie.</summary>
    public HttpCookie? HttpCookie { get; private init; }

    /// <summary>Hash on the source IP (always true when set).</summary>
    public bool? UseSourceIp { get; private init; }

    /// <summary>Hash on header <paramref name="name"/>.</summary>
    public static ConsistentHashLb Header(string name) => new() { HttpHeaderName = name };

    /// <summary>Hash on cookie <paramref name="cookie"/>.</summary>
    public static ConsistentHashLb Cookie(HttpCookie cookie) => new() { HttpCookie = cookie };

    /// <summary>Hash on the caller's address.</summary>
    public static ConsistentHashLb SourceIp { get; } = new() { UseSourceIp = true };
}

/// <summary>
/// A hash cookie (destination-rule/#LoadBalancerSettings-ConsistentHashLB-HTTPCookie): Envoy sets it when missing
/// and the ttl is not 0s.
/// </summary>
/// <param name="Name">The cookie.</param>
/// <param name="Ttl">An Istio duration; <c>0s</c> makes a session cookie.</param>
public sealed record HttpCookie(string Name, string Ttl);

/// <summary>Locality load balancing (destination-rule/#LocalityLoadBalancerSetting).</summary>
/// <param name="Enabled">Whether locality load balancing is on.</param>
/// <param name="Failover">Region pairs: when <c>from</c>'s endpoints fail, traffic goes to <c>to</c>.</param>
public sealed record LocalityLoadBalancerSetting(bool Enabled, IReadOnlyList<LocalityFailover> Failover);

/// <summary>One failover step (destination-rule/#LocalityLoadBalancerSetting-Failover).</summary>
/// <param name="From">The region that fails.</param>
/// <param name="To">The region that takes over.</param>
public sealed record LocalityFailover(string From, string To);
