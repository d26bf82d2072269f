using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
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
/// <remarks>
/// A request hashes its key once; each destination's weight mixes that hash with the destination id's hash,
/// computed once per destination and remembered, so picking allocates nothing per request or per destination.
/// </remarks>
public sealed class ConsistentHashPolicy : ILoadBalancingPolicy
{
    /// <summary>The policy's name in cluster configuration.</summary>
    public const string PolicyName = "MeshFedConsistentHash";

    // Keys this long are hashed on the stack; longer ones in a pooled buffer.
    private const int StackBytes = 256;

    // Which part of the request a key came from, hashed before it: a header and a cookie with equal values are different keys.
    private const byte HeaderKey = (byte)'h';
    private const byte CookieKey = (byte)'c';
    private const byte AddressKey = (byte)'i';

    private sealed class IdHash(ulong value)
    {
        public ulong Value { get; } = value;
    }

    private static readonly ConditionalWeakTable<DestinationState, IdHash> s_idHashes = new();

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count <= 1)
            return availableDestinations.Count == 0 ? null : availableDestinations[0];
        var service = context.Features.Get<Routing.RoutingDecision>()?.Service;
        var key = KeyHash(context, service?.Traffic.LoadBalancer.HashOn);
        DestinationState? best = null;
        ulong bestWeight = 0;
        for (var i = 0; i < availableDestinations.Count; i++)
        {
            var destination = availableDestinations[i];
            var weight = Weight(key, s_idHashes.GetValue(destination, static d => new IdHash(Hash(d.DestinationId))).Value);
            if (best is null || weight > bestWeight)
            {
                best = destination;
                bestWeight = weight;
            }
        }
        return best;
    }

    /// <summary>The hash of the request's key: the <c>hashOn</c> header or cookie, else the source IP.</summary>
    public static ulong KeyHash(HttpContext context, HashKey? hashOn)
    {
        if (hashOn?.Header is { } header && context.Request.Headers.TryGetValue(header, out var values))
            return Hash(HeaderKey, values.Count == 1 ? values[0] : values.ToString()); // several values: joined, as one key
        if (hashOn?.Cookie is { } cookie && context.Request.Cookies.TryGetValue(cookie, out var cookieValue))
            return Hash(CookieKey, cookieValue);
        Span<byte> address = stackalloc byte[17];
        address[0] = AddressKey;
        var written = 0;
        context.Connection.RemoteIpAddress?.TryWriteBytes(address[1..], out written);
        return XxHash64.HashToUInt64(address[..(1 + written)]);
    }

    /// <summary>
    /// A destination's rendezvous weight for a key: the two hashes mixed by MurmurHash3's 64-bit finalizer, a
    /// bijection in which every input bit flips each output bit with probability about one half.
    /// </summary>
    public static ulong Weight(ulong keyHash, ulong idHash)
    {
        var h = keyHash ^ idHash;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    private static ulong Hash(string text) => Hash(null, text);

    private static ulong Hash(byte? kind, string? text)
    {
        text ??= "";
        var length = (kind is null ? 0 : 1) + Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var start = 0;
            if (kind is { } k)
                buffer[start++] = k;
            var written = start + Encoding.UTF8.GetBytes(text, buffer[start..]);
            return XxHash64.HashToUInt64(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
