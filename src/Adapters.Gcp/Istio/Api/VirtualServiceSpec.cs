using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// A VirtualService (istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService): the
/// ordered routes of the traffic sent to its hosts, http for request-aware ports and tcp for the others.
/// </summary>
/// <param name="Hosts">The hosts the routes apply to.</param>
/// <param name="Http">Ordered http routes; the first match wins.</param>
/// <param name="Tcp">Ordered tcp routes.</param>
public sealed record VirtualServiceSpec(IReadOnlyList<string> Hosts, IReadOnlyList<HttpRoute>? Http = null, IReadOnlyList<TcpRoute>? Tcp = null) : IstioSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string ApiVersion => NetworkingApi;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => "VirtualService";
}

/// <summary>An http route (virtual-service/#HTTPRoute).</summary>
/// <param name="Name">The route's name (in Envoy's access log and stats).</param>
/// <param name="Match">Conditions, any of which selects the route; none: every request.</param>
/// <param name="Route">The weighted destinations.</param>
/// <param name="Timeout">An Istio duration (<c>10s</c>, <c>250ms</c>), or none for Istio's default (no timeout).</param>
/// <param name="Retries">The retry policy.</param>
public sealed record HttpRoute(
    string Name,
    IReadOnlyList<HttpMatchRequest>? Match,
    IReadOnlyList<HttpRouteDestination> Route,
    string? Timeout,
    HttpRetry Retries);

/// <summary>A weighted http destination (virtual-service/#HTTPRouteDestination).</summary>
/// <param name="Destination">Where the share goes.</param>
/// <param name="Weight">Its share, in percent.</param>
/// <param name="Headers">Header manipulation on requests sent to this destination.</param>
public sealed record HttpRouteDestination(Destination Destination, int Weight, Headers? Headers = null);

/// <summary>A destination (virtual-service/#Destination): a registry host, and a subset or a port of it.</summary>
/// <param name="Host">The service's host in the registry.</param>
/// <param name="Subset">A subset of the host's DestinationRule.</param>
/// <param name="Port">The port, for hosts with several.</param>
public sealed record Destination(string Host, string? Subset = null, PortSelector? Port = null);

/// <summary>A port of a destination (virtual-service/#PortSelector).</summary>
/// <param name="Number">The port number, written as a number.</param>
public sealed record PortSelector(int Number);

/// <summary>Header manipulation (virtual-service/#Headers); meshfed only sets request headers.</summary>
/// <param name="Request">On the request.</param>
public sealed record Headers(HeaderOperations Request);

/// <summary>Header operations (virtual-service/#Headers-HeaderOperations): <c>set</c> overwrites.</summary>
/// <param name="Set">The headers set, in the order written.</param>
public sealed record HeaderOperations(IReadOnlyDictionary<string, string> Set);

/// <summary>
/// A retry policy (virtual-service/#HTTPRetry). <c>attempts: 0</c> turns Istio's default retries off.
/// </summary>
/// <param name="Attempts">Retries after the first try.</param>
/// <param name="PerTryTimeout">An Istio duration per try.</param>
/// <param name="RetryOn">Envoy's retry_on conditions, comma-separated.</param>
public sealed record HttpRetry(int Attempts, string? PerTryTimeout = null, string? RetryOn = null)
{
    /// <summary>No retries at all.</summary>
    public static HttpRetry None { get; } = new(0);
}

/// <summary>A tcp route (virtual-service/#TCPRoute).</summary>
/// <param name="Match">Which connections (meshfed matches the service port).</param>
/// <param name="Route">The weighted destinations.</param>
public sealed record TcpRoute(IReadOnlyList<L4MatchAttributes> Match, IReadOnlyList<RouteDestination> Route);

/// <summary>A layer-4 match (virtual-service/#L4MatchAttributes).</summary>
/// <param name="Port">The service port the connection is addressed to.</param>
public sealed record L4MatchAttributes(int Port);

/// <summary>A weighted layer-4 destination (virtual-service/#RouteDestination).</summary>
/// <param name="Destination">Where the share goes.</param>
/// <param name="Weight">Its share, in percent.</param>
public sealed record RouteDestination(Destination Destination, int Weight);
