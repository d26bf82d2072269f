using MeshFed.Model;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// A service's JWT policy against one request's <c>Authorization: Bearer</c> token: signature by a key of the
/// issuer's JWKS, issuer, audience (when the policy names any), and lifetime. A token that is present but bad
/// is always refused, as Istio's RequestAuthentication does; a missing one only when the policy requires it.
/// </summary>
public sealed class JwtCheck(JwksCache keys)
{
    private static readonly JsonWebTokenHandler s_handler = new();

    /// <summary>Null when the request may go on, otherwise why it may not (the answer is 401).</summary>
    public async Task<string?> RefuseReasonAsync(JwtPolicy policy, string? authorization, CancellationToken cancellationToken)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return policy.Required ? "a bearer token is required" : null;
        var token = authorization[bearer.Length..].Trim();
        string? keyId;
        try
        {
            keyId = s_handler.ReadJsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return "the bearer token is not a JWT";
        }
        var signingKeys = await keys.KeysAsync(policy.JwksUri, keyId, cancellationToken).ConfigureAwait(false);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = policy.Issuer,
            ValidateAudience = policy.Audiences.Count > 0,
            ValidAudiences = policy.Audiences,
            IssuerSigningKeys = signingKeys,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        var result = await s_handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        return result.IsValid ? null : $"the bearer token is not valid ({result.Exception?.GetType().Name ?? "invalid"})";
    }
}
