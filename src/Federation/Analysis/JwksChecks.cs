using MeshFed.Model;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Review row 18: on managed Cloud Service Mesh the workload's Envoy fetches each JWKS itself ("Configure JWT
/// authentication with remote JWKS", cloud.google.com/service-mesh/docs/security/configuring-remote-jwks-request-authentication:
/// "the data plane (Envoy proxies) is responsible for fetching the JWKS keys directly from the jwksUri"), so the
/// JWKS host must be a service the mesh knows: a ServiceEntry for the host and port with resolution DNS, and
/// a DestinationRule that originates TLS (mode SIMPLE). Without them RequestAuthentication cannot verify any
/// token and fails closed (401), and the ALLOW rules that require a request principal deny the rest.
/// </summary>
internal static class JwksChecks
{
    public static bool Admits(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, Site serving, Hop hop)
    {
        if (serving.Mesh != MeshKind.CloudServiceMesh)
            return true;
        var service = path.Service;
        foreach (var authentication in site.OfKind("RequestAuthentication").Where(r => r.Namespace == service.Namespace &&
            r.Spec.Is(service.Name, "selector", "matchLabels", "app")))
        {
            foreach (var uri in authentication.Spec.Items("jwtRules").Select(r => r.Str("jwksUri")).OfType<string>())
            {
                if (!Uri.TryCreate(uri, UriKind.Absolute, out var jwks))
                    continue;
                var entry = site.OfKind("ServiceEntry").Any(e => e.Spec.Strings("hosts").Contains(jwks.IdnHost) &&
                    e.Spec.Is("DNS", "resolution") && e.Spec.Items("ports").Any(p => p.Int("number") == jwks.Port));
                var tls = site.IstioForHost("DestinationRule", jwks.IdnHost).Any(d => d.Spec.Is("SIMPLE", "trafficPolicy", "tls", "mode"));
                if (entry && tls)
                    continue;
                var missing = string.Join(" and ", new[] { entry ? null : $"a ServiceEntry ({jwks.IdnHost}, port {jwks.Port}, resolution DNS)", tls ? null : "a DestinationRule with tls.mode SIMPLE" }.OfType<string>());
                return trace.Stop(context.Finding(AnalysisCodes.JwksHostUnknown, hop, serving.Name, service, service, authentication,
                    $"on managed Cloud Service Mesh the sidecar fetches the JWKS {uri} itself, and the site has no {missing} for {jwks.IdnHost}: no token can be verified, so RequestAuthentication fails closed (401) and the rules that require a request principal deny every request",
                    $"Render, for each JWKS host on Cloud Service Mesh sites, a MESH_EXTERNAL ServiceEntry (port {jwks.Port}, resolution DNS) and a DestinationRule with tls.mode SIMPLE.",
                    field: "security.jwt.jwksUri"));
            }
        }
        return true;
    }
}
