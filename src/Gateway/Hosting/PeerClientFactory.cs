using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Resilience;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Tracing;
using MeshFed.Gateway.Trust;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// The HTTP clients YARP forwards with. To another site's gateway: TLS 1.3 only, this gateway's SVID as
/// client certificate, and the server's certificate verified as <see cref="PeerVerifier"/> says (serverAuth,
/// issued by the dialled site's own pinned intermediate) with the SPIFFE ID of exactly the site the cluster
/// is for; a refused server certificate is counted and logged with its reason (rate-limited). Every client applies the route's timeout and retries (<see cref="ResilienceHandler"/>); one that delivers into a
/// VPC Lattice service also signs each attempt (<see cref="GatewaySettings.LatticeSigner"/>). Certificates are
/// checked, refusals rate-limited and retry budgets counted on <paramref name="time"/>.
/// </summary>
public sealed class PeerClientFactory(GatewayState state, TrustReloader trust, ILoggerFactory loggers, TimeProvider? time = null) : ForwarderHttpClientFactory
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly PeerRefusalLog _refusals = new(loggers.CreateLogger($"meshfed.gateway.{state.Plan.Site.Name}"), time);

    /// <inheritdoc />
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        // No propagator: HttpClient's DiagnosticsHandler (an Activity, its tags and the header injection per request)
        // is then left out of the handler chain. The router has decided the request's trace context already, and the
        // request transform writes it (RequestTrace.WriteTo), on every attempt the same.
        handler.ActivityHeadersPropagator = null;
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60);
        if (context.NewMetadata?.TryGetValue(GatewayPlan.SiteMetadata, out var site) != true || site is null)
            return;
        // The link to a peer gateway is HTTP/2 (FederationLink): a 64 KiB receive window per stream (HTTP/2's
        // default, RFC 9113 §6.9.2) stalls each large response for a WINDOW_UPDATE round trip; 1 MiB matches the
        // peer listener's connection window (Kestrel Http2Limits.InitialConnectionWindowSize).
        handler.InitialHttp2StreamWindowSize = 1024 * 1024;
        // A long-lived multiplexed connection to a peer that vanished (a partition, no RST) must be noticed
        // before every request on it times out: ping it while requests are in flight.
        handler.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
        handler.KeepAlivePingTimeout = TimeSpan.FromSeconds(10);
        handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests;
        var material = trust.Current;
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            // Both ends are meshfed gateways: TLS 1.3 only, all AEAD suites (RFC 8446 §9.1, B.4).
            EnabledSslProtocols = SslProtocols.Tls13,
            ClientCertificateContext = material.Context,
            // No resumption: a resumed session is not verified again (PeerVerifier, a renewed or revoked site
            // intermediate). The link is a few long-lived HTTP/2 connections, so full handshakes are rare anyway.
            AllowTlsResume = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                var plan = state.Plan;
                var leaf = certificate as X509Certificate2 ?? (certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                var verdict = PeerVerifier.Verify(leaf, new PeerRequirements(trust.Current, plan.Mesh.TrustDomain, s => plan.Mesh.FindSite(s) is not null, PeerRole.Server, site, _time.GetUtcNow()));
                if (!verdict.IsAccepted)
                {
                    GatewayMetrics.PeersRefused.Add(1, new KeyValuePair<string, object?>("reason", "server"), new KeyValuePair<string, object?>("site", site));
                    _refusals.Refused("server", site, verdict.Reason!, leaf?.Subject);
                }
                return verdict.IsAccepted;
            },
        };
    }

    /// <inheritdoc />
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
    {
        var inner = base.WrapHandler(context, handler);
        // Inside the retry handler, so every attempt is signed afresh; only deliveries into a Lattice service.
        if (context.NewMetadata?.ContainsKey(GatewayPlan.LatticeServiceMetadata) == true && state.Plan.Settings.LatticeSigner is { } signer)
        {
            var signing = signer();
            signing.InnerHandler = inner;
            inner = signing;
        }
        return new ResilienceHandler(new RetryBudget(time: _time), context.ClusterId) { InnerHandler = inner };
    }
}
