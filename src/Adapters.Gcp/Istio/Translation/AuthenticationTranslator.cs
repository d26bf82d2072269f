using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>Who a service's workloads accept at the transport (PeerAuthentication) and which end-user tokens (RequestAuthentication).</summary>
internal static class AuthenticationTranslator
{
    public static IstioResource PeerAuthentication(IstioContext context, Service service) =>
        new(service.Name, service.Namespace, new PeerAuthenticationSpec(
            context.WorkloadSelector(service),
            new MutualTls(service.Security.Mtls == MtlsMode.Strict ? MutualTlsMode.Strict : MutualTlsMode.Permissive)));

    public static IstioResource RequestAuthentication(IstioContext context, Service service, JwtPolicy jwt) =>
        new(service.Name, service.Namespace, new RequestAuthenticationSpec(
            context.WorkloadSelector(service),
            [new JwtRule(jwt.Issuer, jwt.JwksUri, jwt.Audiences.Count > 0 ? jwt.Audiences : null,
                // The token also travels on to other sites behind the gateway, where the callee's mesh checks it again.
                ForwardOriginalToken: true)]));
}
