using System.Buffers;
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

    // Keys and destination ids this long are hashed on the stack; longer ones in a pooled buffer.
    private const int StackBytes = 512;

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count <= 1)
            return availableDestinations.Count == 0 ? null : availableDestinations[0];
        var service = context.Items[Routing.ProxyDispatch.DecisionKey] is Routing.RoutingDecision decision ? decision.Service : null;
        var key = KeyOf(context, service?.Traffic.LoadBalancer.HashOn);
        // Each destination's score is XxHash64 of the UTF-8 of "key\nid". The key's bytes are written once and each
        // id's after them in the same buffer, so a request allocates nothing per destination.
        var longestId = 0;
        for (var i = 0; i < availableDestinations.Count; i++)
            longestId = Math.Max(longestId, availableDestinations[i].DestinationId.Length);
        var capacity = Encoding.UTF8.GetMaxByteCount(key.Length + 1 + longestId);
        byte[]? rented = null;
        Span<byte> buffer = capacity <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(capacity));
        try
        {
            var prefix = Encoding.UTF8.GetBytes(key, buffer);
            buffer[prefix++] = (byte)'\n';
            DestinationState? best = null;
            ulong bestScore = 0;
            for (var i = 0; i < availableDestinations.Count; i++)
            {
                var destination = availableDestinations[i];
                var length = prefix + Encoding.UTF8.GetBytes(destination.DestinationId, buffer[prefix..]);
                var score = XxHash64.HashToUInt64(buffer[..length]);
                if (best is null || score > bestScore)
                {
                    best = destination;
                    bestScore = score;
                }
            }
            return best;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
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
