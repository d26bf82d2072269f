using System.Net;
using System.Net.Sockets;

namespace MeshFed.Federation.Terraform;

/// <summary>A gateway address as a firewall rule needs it.</summary>
public static class PeerCidr
{
    /// <summary>
    /// The address as a single-host CIDR (<c>/32</c>, <c>/128</c>), or null for a DNS name: names resolve at
    /// run time, possibly to load balancers whose addresses change, so no CIDR is guessed for them.
    /// </summary>
    public static string? Of(string address)
    {
        if (!IPAddress.TryParse(address, out var ip))
            return null;
        return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"{ip}/128" : $"{ip}/32";
    }
}
