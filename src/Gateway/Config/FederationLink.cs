using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Gateway.Config;

/// <summary>
/// The hop between two sites' gateways (A → B). Both ends are meshfed gateways, so the link is ours to design,
/// whatever protocol the service speaks: HTTP/2 over TLS 1.3, negotiated by ALPN (the peer listener offers h2
/// first), so every request to a site shares one or a few long-lived connections instead of holding a TLS
/// connection per concurrent request as HTTP/1.1 keep-alive does. An HTTP/1.1 request from the caller goes
/// over the link as an HTTP/2 stream and leaves gateway B as HTTP/1.1 again (the local cluster's version).
/// <see cref="HttpVersionPolicy.RequestVersionOrLower"/> keeps a peer that offers only HTTP/1.1 (an older
/// gateway during a rolling upgrade) reachable.
/// </summary>
/// <remarks>
/// YARP opens further connections when a connection's stream limit is reached
/// (<see cref="HttpClientConfig.EnableMultipleHttp2Connections"/>, SocketsHttpHandler's
/// <c>EnableMultipleHttp2Connections</c>); the peer listener keeps Kestrel's HTTP/2 defaults (100 streams per
/// connection, 1 MiB connection and 768 KiB stream receive windows: Kestrel <c>Http2Limits</c>), and the
/// client's side is set in <see cref="Hosting.PeerClientFactory"/>.
/// The service's <c>circuitBreaker.maxConnections</c> is not applied here: on a multiplexed link it would cap
/// connections to the peer gateway, not to the service; gateway B applies it to the service's own endpoints.
/// </remarks>
public static class FederationLink
{
    /// <summary>How requests are sent to another site's gateway.</summary>
    public static ForwarderRequestConfig Request { get; } = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    /// <summary>The client of a cluster that dials another site's gateway.</summary>
    public static HttpClientConfig Client { get; } = new() { EnableMultipleHttp2Connections = true };
}
