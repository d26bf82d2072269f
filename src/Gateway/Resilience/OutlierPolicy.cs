using System.Runtime.CompilerServices;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace MeshFed.Gateway.Resilience;

/// <summary>
/// Outlier ejection from the manifest's <c>circuitBreaker</c>, as a YARP passive health policy: after
/// <c>consecutive5xx</c> failures in a row (5xx answers or no answer), the destination is ejected for
/// <c>baseEjectionTime</c> times the number of times it was ejected before (Envoy's rule), unless that would
/// eject more than <c>maxEjectionPercent</c> of the cluster (one is always allowed). An ejected remote
/// site's cluster has no available destination, which is what moves its traffic to the next site. The
/// settings ride in the cluster's metadata (<see cref="OutlierSettings"/>), parsed once per cluster configuration.
/// The ejection period is timed by YARP's health updater, on the <see cref="TimeProvider"/> the gateway registers.
/// </summary>
/// <param name="health">YARP's health updater.</param>
/// <param name="services">The application's services, where YARP's <see cref="IProxyStateLookup"/> is found once (not in the
/// constructor: YARP's configuration manager, which is that lookup, validates with the health policies, this one among them;
/// and not from <c>HttpContext.RequestServices</c>, which would make a service scope per request).</param>
public sealed class OutlierPolicy(IDestinationHealthUpdater health, IServiceProvider services) : IPassiveHealthCheckPolicy
{
    private IProxyStateLookup? _lookup;

    private sealed class Counters
    {
        public int Consecutive;
        public int Ejections;
    }

    // A reference wrapper, because ConditionalWeakTable holds classes only and a cluster may have no settings.
    private sealed record Parsed(OutlierSettings? Settings);

    private readonly ConditionalWeakTable<DestinationState, Counters> _counters = new();

    // Keyed by the configuration object: a reload that changes a cluster gives it a new one, parsed again once.
    private readonly ConditionalWeakTable<ClusterConfig, Parsed> _settings = new();

    /// <inheritdoc />
    public string Name => GatewayPlan.OutlierPolicyName;

    /// <inheritdoc />
    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        // YARP hands over the route's cluster; the router moved the request to another one, which is the one judged.
        var proxied = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        if (proxied != cluster.ClusterId && !(_lookup ??= services.GetRequiredService<IProxyStateLookup>()).TryGetCluster(proxied, out cluster!))
            return;
        if (_settings.GetValue(cluster.Model.Config, static config => new Parsed(OutlierSettings.Read(config.Metadata))).Settings is not { } breaker)
            return;
        var failed = context.Features.Get<IForwarderErrorFeature>() is not null || context.Response.StatusCode >= 500;
        var counters = _counters.GetOrCreateValue(destination);
        if (!failed)
        {
            Interlocked.Exchange(ref counters.Consecutive, 0);
            return;
        }
        if (Interlocked.Increment(ref counters.Consecutive) < breaker.Consecutive5xx)
            return;
        var all = cluster.Destinations.Values.ToList();
        var ejected = all.Count(d => d.Health.Passive == DestinationHealth.Unhealthy);
        if (ejected > 0 && (ejected + 1) * 100 > breaker.MaxEjectionPercent * all.Count)
            return;
        Interlocked.Exchange(ref counters.Consecutive, 0);
        var times = Interlocked.Increment(ref counters.Ejections);
        var period = TimeSpan.FromTicks(breaker.BaseEjectionTime.Ticks * Math.Min(times, 10));
        health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
        GatewayMetrics.Ejections.Add(1, new KeyValuePair<string, object?>("cluster", cluster.ClusterId));
    }
}
