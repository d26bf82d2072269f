using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Policy;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// The gateway fetches JWKS for itself: a client that hangs up does not poison the cache (E7), and an issuer that
/// failed is asked again within seconds while the gateway has no keys.
/// </summary>
public sealed class JwksTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    private string Document()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = "k1" });
        return $$"""{"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
    }

    private string Token() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://issuer.test",
        Audience = "ledger",
        Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
    });

    private static string Mesh(string jwksUri) => TestMeshes.Sites + $$"""

            - name: ledger
              ports: [{ port: 8083 }]
              deployments: [{ site: b, version: v1 }]
              security:
                jwt: { issuer: https://issuer.test, jwksUri: "{{jwksUri}}", audiences: [ledger] }
        """;

    private static Task<TestFederation> StartAsync(JwksServer jwks) =>
        TestFederation.StartAsync(Mesh(jwks.Uri), new LocalFederationOptions { TypicalLatency = false, JwksHandler = jwks.Handler() });

    private Task<HttpResponseMessage> CallAsync(TestFederation f) =>
        f.SendAsync("a", "ledger", headers: new Dictionary<string, string> { ["Authorization"] = $"Bearer {Token()}" });

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !condition() && DateTime.UtcNow < deadline;)
            await Task.Delay(50);
        Assert.True(condition(), "timed out waiting");
    }

    [Fact]
    public async Task ClientHangsUpDuringAFetch_ValidTokensStillPass()
    {
        await using var jwks = await JwksServer.StartAsync(Document());
        jwks.Delay = TimeSpan.FromSeconds(1.5);
        await using var f = await StartAsync(jwks);

        // A client whose deadline is shorter than the issuer's answer gives up mid-fetch.
        var port = f.Federation.Gateways["a"].LocalEndpoint.Port;
        using (var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
            request.Headers.Host = "ledger";
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Token()}");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.SendAsync(request));
        }
        await WaitForAsync(() => jwks.Fetches >= 1);
        jwks.Delay = TimeSpan.Zero;

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(f)).StatusCode);
    }

    [Fact]
    public async Task IssuerFailed_WithNoKeys_IsAskedAgainWithinSeconds()
    {
        await using var jwks = await JwksServer.StartAsync(Document());
        jwks.Failing = true;
        // The gateways' clock moves only when the test moves it: the retry is due exactly EmptyRetryInterval after the
        // failure, however long the machine takes to get there.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var f = await TestFederation.StartAsync(Mesh(jwks.Uri), new LocalFederationOptions { TypicalLatency = false, JwksHandler = jwks.Handler(), TimeProvider = clock });
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(f)).StatusCode);

        jwks.Failing = false;
        clock.Advance(JwksCache.EmptyRetryInterval - TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(f)).StatusCode); // not yet: the issuer is not hammered
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(f)).StatusCode);
    }

    [Fact]
    public async Task Keys_AreFetchedAtStart_BeforeAnyToken()
    {
        await using var jwks = await JwksServer.StartAsync(Document());
        await using var f = await StartAsync(jwks);
        await WaitForAsync(() => jwks.Fetches >= 1);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(f)).StatusCode);
        Assert.Equal(1, jwks.Fetches);
    }
}
