using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Resilience;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Tracing;
using MeshFed.Gateway.Trust;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// The HTTP clients YARP forwards with. To another site's gateway: TLS 1.3 (1.2 allowed), this gateway's
/// SVID as client certificate, and the server's certificate verified against the federation bundle with the
/// SPIFFE ID of exactly the site the cluster is for. Every client propagates trace context in all three
/// formats and applies the route's timeout and retries (<see cref="ResilienceHandler"/>).
/// </summary>
public sealed class PeerClientFactory(GatewayState state, TrustReloader trust) : ForwarderHttpClientFactory
{
    private static readonly CrossCloudPropagator Propagator = new();

    /// <inheritdoc />
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ActivityHeadersPropagator = new ReverseProxyPropagator(Propagator);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60);
        if (context.NewMetadata?.TryGetValue(GatewayPlan.SiteMetadata, out var site) != true || site is null)
            return;
        var material = trust.Current;
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
            ClientCertificateContext = material.Context,
            AllowTlsResume = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                var plan = state.Plan;
                var verdict = PeerVerifier.Verify(certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)),
                    chain, trust.Current, plan.Mesh.TrustDomain, s => plan.Mesh.FindSite(s) is not null, expectedSite: site);
                if (!verdict.IsAccepted)
                    GatewayMetrics.PeersRefused.Add(1, new KeyValuePair<string, object?>("reason", "server"), new KeyValuePair<string, object?>("site", site));
                return verdict.IsAccepted;
            },
        };
    }

    /// <inheritdoc />
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new ResilienceHandler(new RetryBudget(), context.ClusterId) { InnerHandler = base.WrapHandler(context, handler) };
}
