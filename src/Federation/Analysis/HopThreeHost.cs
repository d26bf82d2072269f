using MeshFed.Model;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Review row 12: the Host the serving site's gateway sends on hop 3 must be one the site's mesh routes on.
/// Read from the gateway's own plan (gateway-peer-clusters.json): <c>keepsCallerHost</c> when its peer route
/// carries YARP's <c>RequestHeaderOriginalHost</c> transform ("copy the incoming request Host header to the
/// proxy request"), else <c>host</c>, the destination's Host (YARP DestinationConfig.Host, "Host header value to
/// pass to this destination"). A rendering written before the plan recorded either says nothing, and is not judged.
/// </summary>
internal static class HopThreeHost
{
    public static bool Check(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument cluster)
    {
        var service = path.Service;
        var appMesh = path.Serving.Mesh == MeshKind.AppMesh;
        // Istio: a sidecar's outbound virtual hosts for a service are its FQDN with and without the port; the short
        // name (and name.namespace) only for proxies in the service's own namespace (Istio VirtualService
        // reference, "hosts": short names are interpreted relative to the rule's namespace; review row 12,
        // generateAltVirtualHosts "never just foo"), and the gateway's sidecar is in meshfed-system. App Mesh:
        // the gateway route's hostname match is exact (App Mesh user guide, "Gateway routes", hostname "exact").
        var file = "gateway-peer-clusters.json";
        if (cluster.Body.Is("true", "keepsCallerHost"))
        {
            return trace.Stop(context.Finding(AnalysisCodes.HostNotNormalised, Hop.Ingress, path.Serving.Name, service, path.Serving, cluster,
                $"the gateway forwards the caller's Host verbatim on hop 3 (its peer route keeps the original Host); callers that use a short name ('{service.Name}', '{service.Name}:{path.Port.Port}') reach the serving site's {(appMesh ? "virtual gateway, whose gateway route matches only the hostname " + service.Host : "sidecar in " + DataPath.GatewayNamespace + ", which has no virtual host for them: the request falls to PassthroughCluster (plaintext, refused by STRICT) or 404")}",
                $"Set the Host of hop 3 to the service's FQDN ({string.Join(" or ", Accepted(service, path.Port.Port, appMesh))}) from the resolved service, as docs/data-path.md promises; upgrade the gateway to one that does.",
                file: file, resource: cluster.Name, field: "gateway"));
        }
        if (cluster.Body.Str("host") is { } host && !IsAccepted(host, service, path.Port.Port, appMesh))
        {
            return trace.Stop(context.Finding(AnalysisCodes.HostNotNormalised, Hop.Ingress, path.Serving.Name, service, path.Serving, cluster,
                $"the gateway sends Host: {host} on hop 3, which the serving site's {(appMesh ? "gateway routes" : "sidecar")} do not route ({string.Join(", ", Accepted(service, path.Port.Port, appMesh))} only)",
                $"Send the service's FQDN ({string.Join(" or ", Accepted(service, path.Port.Port, appMesh))}) as the Host of hop 3.",
                file: file, resource: cluster.Name, field: "gateway"));
        }
        return true;
    }

    private static string[] Accepted(Service service, int port, bool appMesh) =>
        appMesh ? [service.Host] : [service.Host, $"{service.Host}:{port}"];

    // Whether host is one of Accepted(...), ignoring case, read in place: every served path asks (at 10,000
    // services the accepted names made for it were ~15 MB of the analysis' garbage).
    private static bool IsAccepted(string host, Service service, int port, bool appMesh)
    {
        var rest = host.AsSpan();
        if (!Consume(ref rest, service.Name) || !Consume(ref rest, ".") || !Consume(ref rest, service.Namespace) || !Consume(ref rest, Service.HostSuffix))
            return false;
        if (rest.IsEmpty)
            return true;
        Span<char> digits = stackalloc char[11];
        return !appMesh && rest[0] == ':' && port.TryFormat(digits, out var written, default, System.Globalization.CultureInfo.InvariantCulture)
            && rest[1..].SequenceEqual(digits[..written]);

        static bool Consume(ref ReadOnlySpan<char> text, string part)
        {
            if (!text.StartsWith(part, StringComparison.OrdinalIgnoreCase))
                return false;
            text = text[part.Length..];
            return true;
        }
    }
}
