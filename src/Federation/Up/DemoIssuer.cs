using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using MeshFed.Model;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeshFed.Federation.Up;

/// <summary>
/// Stands in for every JWT issuer of the manifest in <c>meshfed up</c>: one RSA key signs the demo callers'
/// tokens (with each policy's issuer and audience), and the gateways fetch its JWKS in-process instead of
/// from the issuers' real <c>jwksUri</c>, so a demo never calls the internet and JWT checks still run for real.
/// </summary>
public sealed class DemoIssuer : IDisposable
{
    private const string KeyId = "meshfed-up-demo";
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _jwks;

    /// <summary>Creates the key and its JWKS document.</summary>
    public DemoIssuer()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = KeyId });
        _jwks = $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{KeyId}}","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
    }

    /// <summary>What the gateways fetch JWKS documents with.</summary>
    public HttpMessageHandler JwksHandler => new JwksAnswer(_jwks);

    /// <summary>A token <paramref name="policy"/> accepts, valid for ten minutes.</summary>
    public string TokenFor(JwtPolicy policy) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = policy.Issuer,
        Audience = policy.Audiences.FirstOrDefault(),
        Subject = new ClaimsIdentity([new Claim("sub", "demo-user")]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
    });

    private sealed class JwksAnswer(string jwks) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(jwks, System.Text.Encoding.UTF8, "application/json") });
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
