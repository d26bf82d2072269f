using System.Net;
using System.Net.Sockets;

namespace MeshFed.Model;

/// <summary>Host names and IP addresses as the gateways and discovery use them.</summary>
public static class Addresses
{
    /// <summary>True for an IPv4/IPv6 literal or a DNS host name (labels of letters, digits, '-', up to 253 characters).</summary>
    public static bool IsHostOrIp(string value)
    {
        if (IPAddress.TryParse(value, out var ip))
            return ip.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !value.Contains('%');
        return IsHostName(value);
    }

    /// <summary>True for a DNS host name (case-insensitive labels of letters, digits and '-', not all-numeric).</summary>
    public static bool IsHostName(string value)
    {
        if (value.Length is 0 or > 253)
            return false;
        var labels = value.TrimEnd('.').Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                    return false;
            }
        }
        // A dotted string of digits is an IP typo (e.g. 10.0.0.300), not a host name.
        return !labels.All(l => l.All(char.IsAsciiDigit));
    }

    /// <summary>Splits <c>host:port</c> / <c>[v6]:port</c> / <c>host</c>; false when malformed.</summary>
    public static bool TryParseEndpoint(string value, out string host, out int? port)
    {
        host = value;
        port = null;
        string portText;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']');
            if (close < 0)
                return false;
            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length == 0)
                return IPAddress.TryParse(host, out _);
            if (!rest.StartsWith(':'))
                return false;
            portText = rest[1..];
        }
        else
        {
            var colon = value.LastIndexOf(':');
            if (colon < 0 || value.IndexOf(':') != colon)
                return IsHostOrIp(value);
            host = value[..colon];
            portText = value[(colon + 1)..];
        }
        if (!int.TryParse(portText, out var parsed) || parsed is < 1 or > 65535)
            return false;
        port = parsed;
        return IsHostOrIp(host);
    }
}
