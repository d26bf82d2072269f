using System.Text;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>Istio spellings of model values: durations, protocols, principals, RE2 escapes.</summary>
internal static class IstioNames
{
    /// <summary>Istio durations: whole seconds as <c>10s</c>, anything finer in milliseconds (<c>250ms</c>).</summary>
    public static string Duration(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return ms % 1000 == 0 ? $"{ms / 1000}s" : $"{ms}ms";
    }

    public static string Protocol(ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Http => "HTTP",
        ServiceProtocol.Http2 => "HTTP2",
        ServiceProtocol.Grpc => "GRPC",
        _ => "TCP",
    };

    /// <summary>Istio port names carry the protocol (<c>http-8080</c>), which Istio uses for protocol selection.</summary>
    public static string PortName(ServicePort port) => port.Name ?? $"{WireNames<ServiceProtocol>.Of(port.Protocol)}-{port.Port}";

    /// <summary>The Istio principal (SPIFFE ID without scheme) of a service's workloads in a site's own mesh.</summary>
    public static string Principal(string meshTrustDomain, string @namespace, string serviceAccount) =>
        $"{meshTrustDomain}/ns/{@namespace}/sa/{serviceAccount}";

    /// <summary>
    /// A Kubernetes object name (DNS-1123 subdomain, at most 253 characters; kept to a 63-character label so it
    /// also fits label values) from a prefix, a host name and a port: dots and other characters become dashes.
    /// </summary>
    public static string ResourceName(string prefix, string host, int port)
    {
        var cleaned = new StringBuilder();
        foreach (var c in host.ToLowerInvariant())
            cleaned.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        var suffix = $"-{port}";
        var body = cleaned.ToString().Trim('-');
        var name = $"{prefix}-{body}";
        if (name.Length + suffix.Length > 63)
            name = name[..(63 - suffix.Length)].TrimEnd('-');
        return name + suffix;
    }

    /// <summary>A literal string as an RE2 pattern.</summary>
    public static string EscapeRegex(string literal)
    {
        var builder = new StringBuilder(literal.Length + 8);
        foreach (var c in literal)
        {
            if (@"\.+*?()|[]{}^$".Contains(c))
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }
}
