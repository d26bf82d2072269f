using System.Net;
using MeshFed.Model;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// Which TCP peers of the local listener may assert a caller with <c>x-forwarded-client-cert</c>. The header is
/// only as good as whoever wrote it: Istio's sidecar terminates mesh mTLS on the gateway's local port (the
/// gateway's PeerAuthentication is STRICT) and writes XFCC from the verified client certificate; any other client
/// could write anything. So the header is believed only from configured hops and stripped from everyone else.
/// </summary>
public static class ForwardedClientCertHops
{
    /// <summary>
    /// The source addresses Istio's sidecar uses when it delivers inbound requests to the application: its inbound
    /// clusters bind to <c>127.0.0.6</c> (and <c>::6</c>) so iptables can tell them from the app's own traffic
    /// (istio/istio <c>pilot/pkg/networking/util</c>: <c>InboundPassthroughBindIpv4 = "127.0.0.6"</c>,
    /// <c>InboundPassthroughBindIpv6 = "::6"</c>; <c>pilot/pkg/networking/core/cluster_builder.go</c> sets them as
    /// the inbound clusters' <c>upstream_bind_config</c>).
    /// </summary>
    public static readonly IReadOnlyList<IPNetwork> IstioSidecar = [IPNetwork.Parse("127.0.0.6/32"), IPNetwork.Parse("::6/128")];

    /// <summary>
    /// The hops a gateway of <paramref name="site"/> trusts when not told: Istio's sidecar where the gateway is a
    /// mesh workload (Istio or Cloud Service Mesh, gateway on Kubernetes); none anywhere else (App Mesh's Envoy in
    /// front of the gateway does not terminate mTLS, VMs have no sidecar).
    /// </summary>
    public static IReadOnlyList<IPNetwork> For(Site site) =>
        site.Mesh is MeshKind.Istio or MeshKind.CloudServiceMesh && site.Gateway is { RunsInKubernetes: true } ? IstioSidecar : [];

    /// <summary>Whether <paramref name="remote"/> is one of <paramref name="hops"/> (an IPv4-mapped IPv6 address counts as IPv4).</summary>
    public static bool Contains(IReadOnlyList<IPNetwork> hops, IPAddress? remote)
    {
        if (remote is null || hops.Count == 0)
            return false;
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        for (var i = 0; i < hops.Count; i++)
        {
            if (hops[i].Contains(remote))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Parses <c>--trust-xfcc-from</c>: comma-separated addresses (a single host) or CIDR ranges; <c>none</c> for no hop.
    /// </summary>
    public static bool TryParse(string text, out IReadOnlyList<IPNetwork> hops, out string? error)
    {
        var parsed = new List<IPNetwork>();
        hops = parsed;
        error = null;
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            return true;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPNetwork.TryParse(part, out var network))
                parsed.Add(network);
            else if (IPAddress.TryParse(part, out var address))
                parsed.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else
            {
                error = $"'{part}' is neither an address nor a CIDR range (e.g. 127.0.0.6 or 10.0.0.0/16)";
                return false;
            }
        }
        if (parsed.Count == 0)
        {
            error = "name at least one address or CIDR range, or 'none'";
            return false;
        }
        return true;
    }
}
