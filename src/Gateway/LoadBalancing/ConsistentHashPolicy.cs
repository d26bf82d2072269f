using System.IO.Hashing;
using System.Text;
using MeshFed.Model;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace MeshFed.Gateway.LoadBalancing;

/// <summary>
/// The manifest's <c>ring-hash</c> as a YARP load-balancing policy: requests with the same key (a header, a
/// cookie, or the source IP, per <c>hashOn</c>) go to the same destination while it is available. It uses
/// rendezvous hashing (highest random weight), which moves only the keys of a destination that leaves,
/// like a hash ring, without a ring to rebuild.
/// </summary>
public sealed class ConsistentHashPolicy : ILoadBalancingPolicy
{
    /// <summary>The policy's name in cluster configuration.</summary>
    public const string PolicyName = "MeshFedConsistentHash";

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count <= 1)
            return availableDestinations.Count == 0 ? null : availableDestinations[0];
        var service = context.Items[Routing.ProxyDispatch.DecisionKey] is Routing.RoutingDecision decision ? decision.Service : null;
        var key = KeyOf(context, service?.Traffic.LoadBalancer.HashOn);
        DestinationState? best = null;
        ulong bestScore = 0;
        foreach (var destination in availableDestinations)
        {
            var score = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes($"{key}\n{destination.DestinationId}"));
            if (best is null || score > bestScore)
            {
                best = destination;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The request's hash key; the source IP when <c>hashOn</c> names nothing present.</summary>
    public static string KeyOf(HttpContext context, HashKey? hashOn)
    {
        if (hashOn?.Header is { } header && context.Request.Headers.TryGetValue(header, out var value))
            return "h:" + value;
        if (hashOn?.Cookie is { } cookie && context.Request.Cookies.TryGetValue(cookie, out var cookieValue))
            return "c:" + cookieValue;
        return "ip:" + context.Connection.RemoteIpAddress;
    }
}
