using MeshFed.Gateway.Config;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Routing;
using MeshFed.Gateway.Trust;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// What one site's gateway shares between its listeners: the plan in force, the trust material, the clock, and
/// the request-path parts that keep state across requests (the JWKS cache, the caller-identity and peer-refusal
/// log gates, the randomness of weighted choices). <see cref="MeshFedGatewayServiceCollectionExtensions.AddMeshFedGateway"/>
/// registers it in each listener's container, so both listeners see one plan and one cache. It owns the HTTP
/// client that fetches JWKS documents, and disposes it.
/// </summary>
public sealed class GatewayCore : IDisposable
{
    private readonly HttpClient _jwksHttp;

    /// <summary>Assembles the shared parts of the gateway whose plan <paramref name="state"/> holds.</summary>
    /// <param name="state">The plan in force.</param>
    /// <param name="trust">The trust material, reloaded when rotated.</param>
    /// <param name="loggers">Where logs go.</param>
    /// <param name="time">The clock every part of the gateway reads (null: the system clock).</param>
    public GatewayCore(GatewayState state, TrustReloader trust, ILoggerFactory loggers, TimeProvider? time = null)
    {
        var settings = state.Plan.Settings;
        State = state;
        Trust = trust;
        LoggerFactory = loggers;
        Time = time ?? TimeProvider.System;
        Logger = loggers.CreateLogger($"meshfed.gateway.{settings.Site}");
        Random = settings.RandomSeed is { } seed ? new LockedRandom(seed) : Random.Shared;
        _jwksHttp = settings.JwksHandler is null ? new HttpClient { Timeout = JwksCache.FetchTimeout } : new HttpClient(settings.JwksHandler, disposeHandler: false);
        Jwks = new JwksCache(_jwksHttp, Logger, Time);
        Access = new AccessCheck(new JwtCheck(Jwks));
        Callers = new CallerIdentity(Logger, Time);
        PeerRefusals = new PeerRefusalLog(Logger, Time);
    }

    /// <summary>The plan in force and the YARP configuration it feeds.</summary>
    public GatewayState State { get; }

    /// <summary>The trust material.</summary>
    public TrustReloader Trust { get; }

    /// <summary>Where logs go.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The gateway's log (<c>meshfed.gateway.&lt;site&gt;</c>).</summary>
    public ILogger Logger { get; }

    /// <summary>The clock: certificate validity, rate-limited logs, JWKS freshness, retry budgets, timeouts, request durations.</summary>
    public TimeProvider Time { get; }

    /// <summary>The randomness of weighted choices (seeded in tests).</summary>
    public Random Random { get; }

    /// <summary>The JWKS documents of the services this site enforces JWT for.</summary>
    public JwksCache Jwks { get; }

    /// <summary>JWT and allow-rule enforcement.</summary>
    public AccessCheck Access { get; }

    /// <summary>Who a request's caller is, as far as the gateway may believe.</summary>
    public CallerIdentity Callers { get; }

    /// <summary>
    /// Whether the gateway records spans (its host has a tracer): only then does a sampled request get a span of its
    /// own (<see cref="Tracing.RequestTracing"/>); otherwise the caller's trace context passes through.
    /// </summary>
    public bool RecordsSpans { get; init; }

    /// <summary>The rate-limited log of refused peer certificates.</summary>
    public PeerRefusalLog PeerRefusals { get; }

    /// <summary>A selector of versions and sites that skips clusters with no available destination in <paramref name="lookup"/>.</summary>
    public TargetSelector Selector(IProxyStateLookup lookup) =>
        new(clusterId => lookup.TryGetCluster(clusterId, out var cluster) && cluster.DestinationsState.AvailableDestinations.Count > 0, Random);

    /// <inheritdoc />
    public void Dispose() => _jwksHttp.Dispose();

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
