using MeshFed.Model;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// The policy the meshes cannot express everywhere (App Mesh has neither), enforced where a request enters
/// the site that serves it: first the JWT (401), then the allow rules with the original caller's identity (403).
/// </summary>
public sealed class AccessCheck(JwtCheck jwt)
{
    /// <summary>A refusal: the HTTP status, a short reason for metrics, and the message.</summary>
    public sealed record Denial(int Status, string Reason, string Message);

    /// <summary>Null when the request may go on.</summary>
    /// <param name="mesh">The manifest.</param>
    /// <param name="service">The service called.</param>
    /// <param name="caller">The original caller's SPIFFE ID, null when unknown.</param>
    /// <param name="peerSite">The site whose gateway sent the request over the federation link, null for this site's mesh.</param>
    /// <param name="request">The request (its method, path and Authorization header).</param>
    /// <param name="cancellationToken">Cancels a JWKS fetch.</param>
    public async Task<Denial?> CheckAsync(FederatedMesh mesh, Service service, string? caller, string? peerSite, HttpRequest request, CancellationToken cancellationToken)
    {
        if (service.Security.Jwt is { } policy)
        {
            var refused = await jwt.RefuseReasonAsync(policy, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
                return new Denial(StatusCodes.Status401Unauthorized, "jwt", $"{refused} for service '{service.Name}'");
        }
        if (!AllowRules.Allows(mesh, service, caller, request.Method, request.Path.Value ?? "/", peerSite))
            return new Denial(StatusCodes.Status403Forbidden, "not-allowed",
                $"caller '{caller ?? "unknown"}'{(peerSite is null ? "" : $" (via site '{peerSite}')")} may not {request.Method} {request.Path} on service '{service.Name}' (allow rules)");
        return null;
    }
}
