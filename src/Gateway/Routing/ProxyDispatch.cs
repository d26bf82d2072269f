using MeshFed.Gateway.Telemetry;
using Microsoft.AspNetCore.Http;
using Polly.Timeout;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// The last step of both routers: move the request onto the chosen cluster, let YARP forward it, and record
/// its golden signals. A failure YARP reports after a Polly timeout becomes 504, as a timeout is, not 502.
/// </summary>
public static class ProxyDispatch
{
    /// <summary>Forwards to <paramref name="clusterId"/> and records the outcome, timed on <paramref name="time"/>.</summary>
    public static async Task ForwardAsync(HttpContext context, RequestDelegate next, IProxyStateLookup lookup, string clusterId, RoutingDecision decision, string reporter, TimeProvider time)
    {
        if (!lookup.TryGetCluster(clusterId, out var cluster))
        {
            // Only between a manifest reload's plan and YARP applying it.
            await Refusal.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "reloading", $"cluster {clusterId} is not loaded yet; retry", reporter, decision.Service.Name).ConfigureAwait(false);
            return;
        }
        // A feature, read by the load balancer and the request transform: HttpContext.Items would make a dictionary per
        // request, where Kestrel keeps a connection's list of extra features from one request to the next (and clears it).
        context.Features.Set(decision);
        context.ReassignProxyRequest(cluster);
        var started = time.GetTimestamp();
        var inFlight = GatewayMetrics.Start(decision, reporter);
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.Features.Get<IForwarderErrorFeature>() is { Exception: TimeoutRejectedException or TaskCanceledException { InnerException: TimeoutException } } && !context.Response.HasStarted)
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
        }
        finally
        {
            GatewayMetrics.Finish(inFlight, context.Response.StatusCode, time.GetElapsedTime(started));
        }
    }
}
