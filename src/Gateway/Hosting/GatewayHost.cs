using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.LoadBalancing;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Resilience;
using MeshFed.Gateway.Routing;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Tracing;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

namespace MeshFed.Gateway.Hosting;

/// <summary>What a gateway needs to start.</summary>
public sealed record GatewayHostOptions
{
    /// <summary>The manifest's mesh.</summary>
    public required FederatedMesh Mesh { get; init; }

    /// <summary>The manifest file or folder, watched for hot reload (null: no reload).</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The gateway's site, listeners and overrides.</summary>
    public required GatewaySettings Settings { get; init; }

    /// <summary>The federation trust material, reloaded when rotated.</summary>
    public required TrustReloader Trust { get; init; }

    /// <summary>Where logs go.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Applied to every reloaded mesh before use (e.g. <c>meshfed up</c> moving gateways to loopback).</summary>
    public Func<FederatedMesh, FederatedMesh>? ReloadTransform { get; init; }

    /// <summary>The process's telemetry; serves <c>/metrics</c> (null: no <c>/metrics</c>).</summary>
    public GatewayTelemetry? Telemetry { get; init; }
}

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
    private readonly ManifestWatcher? _watcher;
    private readonly ILogger _logger;

    private GatewayHost(GatewayState state, WebApplication peer, WebApplication local, WebApplication admin, ManifestWatcher? watcher, ILogger logger)
    {
        State = state;
        _peer = peer;
        _local = local;
        _admin = admin;
        _watcher = watcher;
        _logger = logger;
    }

    /// <summary>The plan in force and the YARP configuration it feeds.</summary>
    public GatewayState State { get; }

    /// <summary>Where the peer listener listens (the real port when 0 was asked).</summary>
    public IPEndPoint PeerEndpoint => BoundEndpoint(_peer);

    /// <summary>Where the local listener listens.</summary>
    public IPEndPoint LocalEndpoint => BoundEndpoint(_local);

    /// <summary>Where the admin listener listens.</summary>
    public IPEndPoint AdminEndpoint => BoundEndpoint(_admin);

    /// <summary>Builds and starts the gateway.</summary>
    /// <exception cref="ArgumentException">The site is not in the mesh.</exception>
    public static async Task<GatewayHost> StartAsync(GatewayHostOptions options, CancellationToken cancellationToken = default)
    {
        var settings = options.Settings;
        var trust = options.Trust;
        var logger = options.LoggerFactory.CreateLogger($"meshfed.gateway.{settings.Site}");
        TraceContinuity.Ensure();
        var state = new GatewayState(GatewayPlan.Build(options.Mesh, settings, trust.Generation));
        var site = state.Plan.Site;
        var peerListen = settings.PeerListen ?? new IPEndPoint(IPAddress.Any, site.Gateway?.Port ?? SiteGateway.DefaultPort);
        var random = settings.RandomSeed is { } seed ? new LockedRandom(seed) : Random.Shared;
        var jwks = new JwksCache(settings.JwksHandler is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(10) } : new HttpClient(settings.JwksHandler, disposeHandler: false), logger);
        var access = new AccessCheck(new JwtCheck(jwks));
        var peerRefusals = new PeerRefusalLog(logger);
        var callers = new CallerIdentity(logger);
        var limits = settings.Limits;

        var peer = BuildProxy(options, state, state.PeerConfig, limits.PeerMaxConnections, kestrel => kestrel.Listen(peerListen, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(PeerTls(state, trust, peerRefusals)),
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            });
        }), (services, lookup) => new InboundRouter(state, lookup, Selector(lookup, random), access, callers).InvokeAsync);

        var local = BuildProxy(options, state, state.LocalConfig, limits.LocalMaxConnections, kestrel => kestrel.Listen(settings.LocalListen, listen =>
            {
                // The mesh sends HTTP/1.1 and, for gRPC and HTTP/2 services, h2c: both on the one cleartext port.
                // HTTP/1.1 by default; the detection switches a connection that opens with the HTTP/2 preface.
                listen.Protocols = HttpProtocols.Http1;
                listen.UseClearTextProtocolDetection(limits.ProtocolDetectionTimeout);
            }),
            (services, lookup) => new OutboundRouter(state, lookup, Selector(lookup, random), access, callers).InvokeAsync,
            LocalPropagator);

        var admin = BuildAdmin(options, state, trust);

        await peer.StartAsync(cancellationToken).ConfigureAwait(false);
        await local.StartAsync(cancellationToken).ConfigureAwait(false);
        await admin.StartAsync(cancellationToken).ConfigureAwait(false);
        // Fetched now, so the first request with a token does not wait for (or fail on) the issuer (E7).
        jwks.Prefetch(GatewayReloads.JwksUris(state.Plan.Mesh, site.Name));

        // A rotated SVID must reach new outgoing connections too: a new plan generation makes YARP build new clients.
        // Manifest and trust reloads go through one lock, so neither publishes a plan missing the other's change.
        var reloads = new GatewayReloads(state, settings, trust, jwks, logger) { Transform = options.ReloadTransform };
        trust.Changed += _ => reloads.ApplyTrust();
        var watcher = options.ManifestPath is null ? null : new ManifestWatcher(options.ManifestPath, reloads.ApplyManifest, logger);
        var host = new GatewayHost(state, peer, local, admin, watcher, logger);
        if (!ClearTextProtocolDetection.IsAvailable)
            logger.LogWarning("This Kestrel cannot choose HTTP/2 per connection: the local listener takes HTTP/1.1 only, so h2c (gRPC) from the mesh is refused.");
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

    private static TargetSelector Selector(IProxyStateLookup lookup, Random random) =>
        new(clusterId => lookup.TryGetCluster(clusterId, out var cluster) && cluster.DestinationsState.AvailableDestinations.Count > 0, random);

    private static SslServerAuthenticationOptions PeerTls(GatewayState state, TrustReloader trust, PeerRefusalLog refusals) => new()
    {
        ServerCertificateContext = trust.Current.Context,
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
            var plan = state.Plan;
            var leaf = certificate as X509Certificate2 ?? (certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            var verdict = PeerVerifier.Verify(leaf, new PeerRequirements(trust.Current, plan.Mesh.TrustDomain, s => plan.Mesh.FindSite(s) is not null, PeerRole.Client));
            if (!verdict.IsAccepted)
            {
                GatewayMetrics.PeersRefused.Add(1, new KeyValuePair<string, object?>("reason", "client"));
                refusals.Refused("client", null, verdict.Reason!, leaf?.Subject);
            }
            return verdict.IsAccepted;
        },
    };

    // The local listener's callers are not all entitled to decide trace sampling (R4).
    private static DistributedContextPropagator LocalPropagator(IServiceProvider services) =>
        new LocalSamplingGuard(new CrossCloudPropagator(), services.GetRequiredService<IHttpContextAccessor>(), services.GetRequiredService<GatewayState>());

    private static WebApplication BuildProxy(
        GatewayHostOptions options,
        GatewayState state,
        Yarp.ReverseProxy.Configuration.IProxyConfigProvider config,
        long maxConnections,
        Action<KestrelServerOptions> listen,
        Func<IServiceProvider, IProxyStateLookup, Func<HttpContext, Func<Task>, Task>> router,
        Func<IServiceProvider, DistributedContextPropagator>? propagator = null)
    {
        var builder = Builder(options, maxConnections, kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null; // a proxy streams bodies; the backend decides what it takes (R9: proxies only)
            listen(kestrel);
        });
        if (propagator is not null)
        {
            builder.Services.AddHttpContextAccessor();
            builder.Services.AddSingleton<DistributedContextPropagator>(propagator);
        }
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(options.Trust);
        builder.Services.AddSingleton<IForwarderHttpClientFactory, PeerClientFactory>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, OutlierPolicy>();
        builder.Services.AddSingleton<ILoadBalancingPolicy, ConsistentHashPolicy>();
        builder.Services.AddReverseProxy().AddTransforms(context => context.AddRequestTransform(transform =>
        {
            // The router's decision rides on the outgoing request, where the resilience handler reads it; only
            // when it has a timeout or retries to apply (setting an option allocates the options dictionary).
            if (transform.HttpContext.Items[ProxyDispatch.DecisionKey] is RoutingDecision decision && (decision.Timeout is not null || decision.Retries is not null))
                transform.ProxyRequest.Options.Set(ResilienceHandler.DecisionOption, decision);
            return ValueTask.CompletedTask;
        }));
        var app = builder.Build();
        var route = router(app.Services, app.Services.GetRequiredService<IProxyStateLookup>());
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(route);
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }

    private static WebApplication BuildAdmin(GatewayHostOptions options, GatewayState state, TrustReloader trust)
    {
        var builder = Builder(options, options.Settings.Limits.AdminMaxConnections, kestrel => kestrel.Listen(options.Settings.AdminListen));
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () =>
        {
            var problems = new List<string>();
            if (state.Draining)
                problems.Add("draining");
            if (trust.Current.NotAfter <= DateTimeOffset.Now)
                problems.Add($"SVID expired at {trust.Current.NotAfter:u}; issue a new one (meshfed trust issue)");
            return problems.Count == 0
                ? Results.Text($"ready: site {state.Plan.Site.Name}, {state.Plan.Mesh.Services.Count} services, {state.Reloads} reloads\n")
                : Results.Text($"not ready: {string.Join("; ", problems)}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options.LoggerFactory);
        builder.Services.AddSingleton<DistributedContextPropagator>(new CrossCloudPropagator());
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
    }

    private sealed class LockedRandom(int seed) : Random
    {
        private readonly Random _inner = new(seed);

        public override int Next(int maxValue)
        {
            lock (_inner)
                return _inner.Next(maxValue);
        }
    }
}
