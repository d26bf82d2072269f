using System.Runtime.CompilerServices;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace MeshFed.Gateway.Resilience;

/// <summary>
/// Outlier ejection from the manifest's <c>circuitBreaker</c>, as a YARP passive health policy: after
/// <c>consecutive5xx</c> failures in a row (5xx answers or no answer), the destination is ejected for
/// <c>baseEjectionTime</c> times the number of times it was ejected before (Envoy's rule), unless that would
/// eject more than <c>maxEjectionPercent</c> of the cluster (one is always allowed). An ejected remote
/// site's cluster has no available destination, which is what moves its traffic to the next site.
/// </summary>
public sealed class OutlierPolicy(GatewayState state, IDestinationHealthUpdater health) : IPassiveHealthCheckPolicy
{
    private sealed class Counters
    {
        public int Consecutive;
        public int Ejections;
    }

    private readonly ConditionalWeakTable<DestinationState, Counters> _counters = new();

    /// <inheritdoc />
    public string Name => GatewayPlan.OutlierPolicyName;

    /// <inheritdoc />
    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        // YARP hands over the route's cluster; the router moved the request to another one, which is the one judged.
        var proxied = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        if (proxied != cluster.ClusterId && !context.RequestServices.GetRequiredService<IProxyStateLookup>().TryGetCluster(proxied, out cluster!))
            return;
        if (!state.Plan.Breakers.TryGetValue(cluster.ClusterId, out var breaker) || breaker is null)
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
