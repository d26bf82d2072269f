using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;
using ServicePort = MeshFed.Adapters.Gcp.Istio.Api.ServicePort;
using TrafficPolicy = MeshFed.Adapters.Gcp.Istio.Api.TrafficPolicy;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// On managed Cloud Service Mesh the workload's Envoy fetches each JWKS itself; the control plane does not
/// ("Configure JWT authentication with remote JWKS", cloud.google.com/service-mesh/docs/security/configuring-remote-jwks-request-authentication:
/// "the data plane (Envoy proxies) is responsible for fetching the JWKS keys directly from the jwksUri").
/// The JWKS host must therefore be a known service of the mesh: a MESH_EXTERNAL ServiceEntry (DNS) and a
/// DestinationRule that originates TLS (mode SIMPLE), the method that page calls required with the managed
/// control plane. Without them RequestAuthentication fails closed (401 for every token).
/// </summary>
internal static class JwksTranslator
{
    public static IEnumerable<IstioResource> Translate(IstioContext context, IEnumerable<Service> servicesWithJwtHere)
    {
        if (context.Profile != IstioProfile.CloudServiceMesh)
            yield break;
        var endpoints = servicesWithJwtHere
            .Select(s => Uri.TryCreate(s.Security.Jwt!.JwksUri, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Select(u => (Host: u.IdnHost, u.Port))
            .Distinct()
            .OrderBy(e => e.Host, StringComparer.Ordinal).ThenBy(e => e.Port);
        foreach (var (host, port) in endpoints)
        {
            var name = IstioNames.ResourceName("jwks", host, port);
            yield return new(name, DataPath.GatewayNamespace, new ServiceEntrySpec(
                [host],
                ServiceEntryLocation.MeshExternal,
                [new ServicePort(port, "HTTPS", $"https-{port}")],
                ServiceEntryResolution.Dns));
            yield return new(name, DataPath.GatewayNamespace, new DestinationRuleSpec(
                host,
                new TrafficPolicy(Tls: new ClientTlsSettings(TlsMode.Simple, Sni: host))));
        }
    }
}
