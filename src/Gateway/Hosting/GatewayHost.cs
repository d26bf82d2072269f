using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Tracing;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// One site's east-west gateway: three Kestrel listeners in front of YARP. The peer listener takes federation
/// mTLS from other sites' gateways; the local listener takes plain HTTP from this site's mesh; the admin
/// listener serves <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>. Stopping drains: readiness fails first,
/// then Kestrel lets in-flight requests finish within the drain timeout.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _peer;
    private readonly WebApplication _local;
    private readonly WebApplication _admin;
    private readonly GatewayCore _gateway;
    private readonly ManifestWatcher? _watcher;
    private readonly ILogger _logger;

    private GatewayHost(GatewayCore gateway, WebApplication peer, WebApplication local, WebApplication admin, ManifestWatcher? watcher)
    {
        _gateway = gateway;
        _peer = peer;
        _local = local;
        _admin = admin;
        _watcher = watcher;
        _logger = gateway.Logger;
    }

    /// <summary>The plan in force and the YARP configuration it feeds.</summary>
    public GatewayState State => _gateway.State;

    /// <summary>Where the peer listener listens (the real port when 0 was asked).</summary>
    public IPEndPoint PeerEndpoint => BoundEndpoint(_peer);

    /// <summary>Where the local listener listens.</summary>
    public IPEndPoint LocalEndpoint => BoundEndpoint(_local);

    /// <summary>Where the admin listener listens.</summary>
    public IPEndPoint AdminEndpoint => BoundEndpoint(_admin);

    /// <summary>Builds and starts the gateway.</summary>
    /// <exception cref="ArgumentException">The site is not in the mesh.</exception>
    /// <exception cref="GatewayStartException">The local listener cannot take h2c, and a service this site reaches needs it.</exception>
    public static async Task<GatewayHost> StartAsync(GatewayHostOptions options, CancellationToken cancellationToken = default)
    {
        var settings = options.Settings;
        var trust = options.Trust;
        var time = options.TimeProvider ?? TimeProvider.System;
        var gateway = new GatewayCore(new GatewayState(GatewayPlan.Build(options.Mesh, settings, trust.Generation, time)), trust, options.LoggerFactory, time)
        {
            RecordsSpans = options.Telemetry is not null,
        };
        var state = gateway.State;
        var logger = gateway.Logger;
        var site = state.Plan.Site;
        var peerListen = settings.PeerListen ?? new IPEndPoint(IPAddress.Any, site.Gateway?.Port ?? SiteGateway.DefaultPort);
        var limits = settings.Limits;

        var peer = BuildProxy(options, gateway, GatewayListener.Peer, limits.PeerMaxConnections, kestrel => kestrel.Listen(peerListen, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(PeerTls(gateway)),
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            });
        }));

        var local = BuildProxy(options, gateway, GatewayListener.Local, limits.LocalMaxConnections, kestrel => kestrel.Listen(settings.LocalListen, listen =>
        {
            // The mesh sends HTTP/1.1 and, for gRPC and HTTP/2 services, h2c: both on the one cleartext port.
            // HTTP/1.1 by default; the detection switches a connection that opens with the HTTP/2 preface.
            listen.Protocols = HttpProtocols.Http1;
            listen.UseClearTextProtocolDetection(limits.ProtocolDetectionTimeout);
        }));

        var admin = BuildAdmin(options, gateway);

        await peer.StartAsync(cancellationToken).ConfigureAwait(false);
        await local.StartAsync(cancellationToken).ConfigureAwait(false);
        var h2cProblem = await ClearTextProtocolDetection.ProblemServingH2cAsync(BoundEndpoint(local), limits.ProtocolDetectionTimeout, cancellationToken).ConfigureAwait(false);
        if (h2cProblem is not null && state.Plan.H2cPorts.Count > 0)
        {
            // Not a silent downgrade: the mesh's gRPC would be answered HTTP_1_1_REQUIRED on every request.
            await peer.DisposeAsync().ConfigureAwait(false);
            await local.DisposeAsync().ConfigureAwait(false);
            await admin.DisposeAsync().ConfigureAwait(false);
            gateway.Dispose();
            throw new GatewayStartException($"The gateway of site {site.Name} cannot start: {ClearTextProtocolDetection.Refusal(h2cProblem, state.Plan.H2cPorts)}");
        }
        await admin.StartAsync(cancellationToken).ConfigureAwait(false);
        // Fetched now, so the first request with a token does not wait for (or fail on) the issuer (E7).
        gateway.Jwks.Prefetch(GatewayReloads.JwksUris(state.Plan.View));

        // A rotated SVID must reach new outgoing connections too: a new plan generation makes YARP build new clients.
        // Manifest and trust reloads go through one lock, so neither publishes a plan missing the other's change.
        var reloads = new GatewayReloads(state, settings, trust, gateway.Jwks, logger, time) { Transform = options.ReloadTransform, H2cProblem = h2cProblem };
        trust.Changed += _ => reloads.ApplyTrust();
        var watcher = options.ManifestPath is null ? null : new ManifestWatcher(options.ManifestPath, reloads.ApplyManifest, logger, time: time);
        var host = new GatewayHost(gateway, peer, local, admin, watcher);
        if (h2cProblem is not null)
            logger.LogWarning("The local listener cannot take h2c ({Problem}); no service this site reaches needs it, and a manifest that adds a gRPC or HTTP/2 port will be refused.", h2cProblem);
        logger.LogInformation("Gateway of site {Site} ({Identity}) listening: peer https://{Peer}, local http://{Local}, admin http://{Admin}.",
            site.Name, trust.Current.Identity, host.PeerEndpoint, host.LocalEndpoint, host.AdminEndpoint);
        var hops = settings.TrustXfccFrom ?? ForwardedClientCertHops.For(site);
        if (hops.Count == 0)
            logger.LogInformation("Local callers are unknown: x-forwarded-client-cert is stripped (no trusted hop; --trust-xfcc-from names the mesh sidecar's address).");
        else
            logger.LogInformation("Local callers' identity is taken from x-forwarded-client-cert written by {Hops} only.", string.Join(", ", hops));
        if (state.Plan.TrustedLatticeSources is { Count: > 0 } latticeSources)
            logger.LogInformation("Callers through VPC Lattice are identified by x-amzn-lattice-identity from {Sources} only.", string.Join(", ", latticeSources));
        if (site.Mesh == MeshKind.VpcLattice && settings.LatticeSigner is null && settings.LocalEndpoints is null)
            logger.LogWarning("Deliveries into VPC Lattice services are not signed (no signer): services with IAM auth refuse them.");
        return host;
    }

    private static SslServerAuthenticationOptions PeerTls(GatewayCore gateway) => new()
    {
        ServerCertificateContext = gateway.Trust.Current.Context,
        ClientCertificateRequired = true,
        // A resumed session skips the client certificate; every connection must prove its identity afresh.
        AllowTlsResume = false,
        // Both ends are meshfed gateways: TLS 1.3 only, whose cipher suites are all AEAD (RFC 8446 §9.1, B.4),
        // so no CBC suite of TLS 1.2 can be negotiated.
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            var plan = gateway.State.Plan;
            var leaf = certificate as X509Certificate2 ?? (certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            var requirements = new PeerRequirements(gateway.Trust.Current, plan.Mesh.TrustDomain, s => plan.Mesh.FindSite(s) is not null, PeerRole.Client, At: gateway.Time.GetUtcNow());
            var verdict = PeerVerifier.Verify(leaf, requirements);
            if (!verdict.IsAccepted)
            {
                GatewayMetrics.PeersRefused.Add(1, new KeyValuePair<string, object?>("reason", "client"));
                gateway.PeerRefusals.Refused("client", null, verdict.Reason!, leaf?.Subject);
            }
            return verdict.IsAccepted;
        },
    };

    private static WebApplication BuildProxy(GatewayHostOptions options, GatewayCore gateway, GatewayListener listener, long maxConnections, Action<KestrelServerOptions> listen)
    {
        var builder = Builder(options, maxConnections, kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null; // a proxy streams bodies; the backend decides what it takes (R9: proxies only)
            listen(kestrel);
        });
        builder.Services.AddMeshFedGateway(gateway, listener);
        WithoutAuthorizationMiddleware(builder.Services);
        var app = builder.Build();
        app.MapMeshFedGateway(listener);
        return app;
    }

    /// <summary>
    /// YARP's <c>AddReverseProxy</c> registers ASP.NET Core authorization (for a route's <c>AuthorizationPolicy</c>), and
    /// a <see cref="WebApplication"/> that finds <see cref="IAuthorizationHandlerProvider"/> among its services puts
    /// <c>UseAuthorization</c> in front of every request ("Middleware in Minimal API apps", learn.microsoft.com/aspnet/core/fundamentals/minimal-apis/middleware).
    /// The gateway's routes name no policy: who may call what is its own allow rules' decision (<c>AccessCheck</c>).
    /// So the middleware only cost each request an async step and an <c>HttpContext.Items</c> dictionary (its "invoked" mark).
    /// The services built on the handler provider go with it, so that none is registered that cannot be made.
    /// </summary>
    private static void WithoutAuthorizationMiddleware(IServiceCollection services)
    {
        services.RemoveAll<IAuthorizationHandlerProvider>();
        services.RemoveAll<IAuthorizationService>();
        services.RemoveAll<IPolicyEvaluator>();
    }

    private static WebApplication BuildAdmin(GatewayHostOptions options, GatewayCore gateway)
    {
        var builder = Builder(options, options.Settings.Limits.AdminMaxConnections, kestrel => kestrel.Listen(options.Settings.AdminListen));
        builder.Services.AddSingleton(gateway);
        var app = builder.Build();
        app.MapMeshFedHealth();
        if (options.Telemetry is { } telemetry)
        {
            // Read-only: a scrape is a GET (or HEAD); anything else is refused rather than answered (E19).
            app.Use((context, next) =>
            {
                if (context.Request.Path != "/metrics" || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    return next(context);
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET, HEAD";
                return Task.CompletedTask;
            });
            app.UseOpenTelemetryPrometheusScrapingEndpoint(telemetry.Meters, context => context.Request.Path == "/metrics", null, null, null);
        }
        return app;
    }

    private static WebApplicationBuilder Builder(GatewayHostOptions options, long maxConnections, Action<KestrelServerOptions> listen)
    {
        // Production whatever ASPNETCORE_ENVIRONMENT / DOTNET_ENVIRONMENT say: in Development a WebApplication answers a
        // failing request with the developer exception page (the exception and its stack, to any caller) and checks
        // every registered service at start (DevelopmentEnvironmentTests).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        // ASP.NET Core's ASPNETCORE_FORWARDEDHEADERS_ENABLED would take the client's address from X-Forwarded-For,
        // from any sender; the gateway believes a caller's XFCC by the TCP peer's address (a trusted hop), so the
        // switch would let any local client name a trusted hop's address and then any caller. Never honoured here.
        builder.Configuration["ForwardedHeaders_Enabled"] = "false";
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(new HostingDiagnosticsSilenced(options.LoggerFactory));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Settings.DrainTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Each listener is its own server, so the cap is per listener: a flood on one port cannot starve another (E6).
            kestrel.Limits.MaxConcurrentConnections = maxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = maxConnections;
            listen(kestrel);
        });
        return builder;
    }

    private static IPEndPoint BoundEndpoint(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        return new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
    }

    /// <summary>Drains and stops: readiness fails, then in-flight requests finish (up to the drain timeout).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        State.Draining = true;
        _watcher?.Dispose();
        _logger.LogInformation("Gateway of site {Site} draining.", State.Plan.Site.Name);
        await Task.WhenAll(_peer.StopAsync(cancellationToken), _local.StopAsync(cancellationToken)).ConfigureAwait(false);
        await _admin.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _peer.DisposeAsync().ConfigureAwait(false);
        await _local.DisposeAsync().ConfigureAwait(false);
        await _admin.DisposeAsync().ConfigureAwait(false);
        _gateway.Dispose();
    }
}
