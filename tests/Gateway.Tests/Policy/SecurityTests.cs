using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeshFed.Gateway.Tests;

/// <summary>Allow rules by the original caller, JWT, and identity headers nobody may forge.</summary>
public class SecurityTests(SecurityTests.Loopback loopback) : IClassFixture<SecurityTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: orders
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }]
            - name: stock
              ports: [{ port: 8082 }]
              deployments: [{ site: b, version: v1 }]
              security:
                allow:
                  - from: [orders]
                    methods: [GET]
                    paths: [/stock/*]
            - name: ledger
              ports: [{ port: 8083 }]
              deployments: [{ site: b, version: v1 }]
              security:
                jwt: { issuer: https://issuer.test, jwksUri: https://issuer.test/jwks, audiences: [ledger] }
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => SecurityTests.Mesh;
    }

    private const string Orders = "spiffe://cluster.local/ns/default/sa/orders";

    [Fact]
    public async Task AllowedCaller_GetsThrough_Others_Get403()
    {
        var f = loopback.Federation;
        Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("a", "stock", "/stock/42", caller: Orders)).StatusCode);

        var wrongCaller = await f.SendAsync("a", "stock", "/stock/42", caller: "spiffe://cluster.local/ns/default/sa/web");
        Assert.Equal(HttpStatusCode.Forbidden, wrongCaller.StatusCode);
        Assert.Equal("not-allowed", wrongCaller.Headers.GetValues("x-meshfed-refused").Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await f.SendAsync("a", "stock", "/stock/42", HttpMethod.Post, caller: Orders)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.SendAsync("a", "stock", "/admin", caller: Orders)).StatusCode);
    }

    [Fact]
    public async Task SpoofedCallerHeader_FromANonPeer_IsStripped()
    {
        var f = loopback.Federation;
        // A caller in site a claims to be orders with the cross-site header instead of through its mesh.
        var spoofed = await f.SendAsync("a", "stock", "/stock/42", headers: new Dictionary<string, string> { ["x-meshfed-caller"] = Orders });
        Assert.Equal(HttpStatusCode.Forbidden, spoofed.StatusCode);
        Assert.Contains("caller 'unknown'", await spoofed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallerIdentity_IsNotForwardedToTheService()
    {
        var f = loopback.Federation;
        var served = await TestFederation.ReadAsync(await f.SendAsync("a", "stock", "/stock/1", caller: Orders));
        Assert.False(served.Headers.ContainsKey("x-meshfed-caller"));
        Assert.False(served.Headers.ContainsKey("x-forwarded-client-cert"));
    }

    [Fact]
    public async Task Jwt_Valid_Passes_BadOrExpiredOrMissing_Get401()
    {
        using var key = RSA.Create(2048);
        var signing = new RsaSecurityKey(key) { KeyId = "k1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(false)) { KeyId = "k1" });
        var jwks = $$"""{"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
        var options = new MeshFed.Federation.Up.LocalFederationOptions { TypicalLatency = false, JwksHandler = new StaticHandler(jwks) };
        await using var f = await TestFederation.StartAsync(Mesh, options);

        string Token(SecurityKey signWith, DateTime expires, string audience = "ledger") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.test",
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(signWith, SecurityAlgorithms.RsaSha256),
        });
        Task<HttpResponseMessage> Call(string? token) => f.SendAsync("a", "ledger", headers: token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });

        Assert.Equal(HttpStatusCode.OK, (await Call(Token(signing, DateTime.UtcNow.AddHours(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(Token(signing, DateTime.UtcNow.AddHours(-1)))).StatusCode);
        using var other = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(Token(new RsaSecurityKey(other) { KeyId = "k1" }, DateTime.UtcNow.AddHours(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(Token(signing, DateTime.UtcNow.AddHours(1), audience: "other"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call("not-a-jwt")).StatusCode);
        var missing = await Call(null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
    }

    private sealed class StaticHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
