using System.Net;
using Microsoft.Extensions.Logging;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Federation.Trust;
using MeshFed.Gateway.Trust;

namespace MeshFed.Gateway.Tests;

/// <summary>The peer listener admits only gateways of this federation's sites, and picks up rotated SVIDs.</summary>
public class MutualTlsTests(MutualTlsTests.Loopback loopback) : IClassFixture<MutualTlsTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: stock
              ports: [{ port: 8082 }]
              deployments: [{ site: b, version: v1 }]
        """;

    /// <summary>The federation the tests that only call its peer listener share (rotation and expiry start their own).</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => MutualTlsTests.Mesh;
    }

    private static X509Certificate2 SiteIntermediate(TestFederation f, string site) =>
        TrustFolder.ReadWithKey(new TrustFolder(f.Federation.TrustFolder).IntermediateCertificate(site), new TrustFolder(f.Federation.TrustFolder).IntermediateKey(site));

    private static async Task<HttpResponseMessage> CallPeerAsync(TestFederation f, X509Certificate2? client, X509Certificate2[]? chain = null, Action<X509Certificate2>? serverCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = client is null ? null : SslStreamCertificateContext.Create(client, new X509Certificate2Collection(chain ?? []), offline: true),
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    serverCertificate?.Invoke(X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData()));
                    return true;
                },
            },
        };
        using var http = new HttpClient(handler);
        var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{f.Federation.Gateways["b"].PeerEndpoint.Port}/");
        request.Headers.Host = "stock.default.svc.cluster.local:8082";
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task ValidPeer_GetsThrough()
    {
        var f = loopback.Federation;
        var svid = FederationCa.CreateSvid(SiteIntermediate(f, "a"), "spiffe://t.example/site/a/gateway", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        var response = await CallPeerAsync(f, svid, [SiteIntermediate(f, "a")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NoClientCertificate_IsRefused()
    {
        var f = loopback.Federation;
        await Assert.ThrowsAsync<HttpRequestException>(() => CallPeerAsync(f, null));
    }

    [Fact]
    public async Task CertificateFromAnotherCa_IsRefused()
    {
        var f = loopback.Federation;
        var now = DateTimeOffset.UtcNow;
        var otherRoot = FederationCa.CreateRoot("t.example", TimeSpan.FromDays(1), now);
        var otherIntermediate = FederationCa.CreateIntermediate(otherRoot, "t.example", "a", TimeSpan.FromDays(1), now);
        var svid = FederationCa.CreateSvid(otherIntermediate, "spiffe://t.example/site/a/gateway", TimeSpan.FromHours(1), now);
        await Assert.ThrowsAsync<HttpRequestException>(() => CallPeerAsync(f, svid, [otherIntermediate]));
    }

    [Fact]
    public async Task ExpiredCertificate_IsRefused()
    {
        // A federation whose CA dates from yesterday, so that a certificate can have expired already.
        var dir = Directory.CreateTempSubdirectory("meshfed-trust-").FullName;
        TrustIssuer.Init(MeshFed.Model.Loading.ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!, new TrustFolder(dir), DateTimeOffset.UtcNow.AddDays(-1));
        await using var f = await TestFederation.StartAsync(Mesh, new MeshFed.Federation.Up.LocalFederationOptions { TypicalLatency = false, TrustFolder = dir });
        var svid = FederationCa.CreateSvid(SiteIntermediate(f, "a"), "spiffe://t.example/site/a/gateway", TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-3));
        Assert.True(svid.NotAfter < DateTime.Now);
        await Assert.ThrowsAsync<HttpRequestException>(() => CallPeerAsync(f, svid, [SiteIntermediate(f, "a")]));
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("spiffe://t.example/site/unknown/gateway")] // not a site of the manifest
    [InlineData("spiffe://t.example/ns/shop/sa/frontend")] // a workload, not a gateway
    [InlineData("spiffe://other.example/site/a/gateway")] // another trust domain
    public async Task WrongSpiffeId_IsRefused(string id)
    {
        var f = loopback.Federation;
        var svid = FederationCa.CreateSvid(SiteIntermediate(f, "a"), id, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<HttpRequestException>(() => CallPeerAsync(f, svid, [SiteIntermediate(f, "a")]));
    }

    [Fact]
    public async Task RotatedSvid_IsPickedUp_WithoutDroppingTraffic()
    {
        using var loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddConsole().AddFilter(l => l >= LogLevel.Warning));
        await using var f = await TestFederation.StartAsync(Mesh, null, loggers);
        var folder = new TrustFolder(f.Federation.TrustFolder);
        var client = FederationCa.CreateSvid(SiteIntermediate(f, "a"), "spiffe://t.example/site/a/gateway", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        string? before = null, after = null;
        Assert.Equal(HttpStatusCode.OK, (await CallPeerAsync(f, client, [SiteIntermediate(f, "a")], c => before = c.SerialNumber)).StatusCode);

        var rotated = TrustIssuer.Issue(f.Federation.Mesh, folder, "b", TimeSpan.FromHours(2), DateTimeOffset.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && after != rotated.SerialNumber)
        {
            // Cross-site traffic keeps flowing during the rotation.
            Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("a", "stock")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await CallPeerAsync(f, client, [SiteIntermediate(f, "a")], c => after = c.SerialNumber)).StatusCode);
            await Task.Delay(100);
        }
        Assert.NotEqual(before, after);
        Assert.Equal(rotated.SerialNumber, after);
        Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("a", "stock")).StatusCode);
    }

    [Fact]
    public void TrustFiles_KeysAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
            return;
        var dir = Directory.CreateTempSubdirectory("meshfed-trust-").FullName;
        try
        {
            var mesh = MeshFed.Model.Loading.ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!;
            var folder = new TrustFolder(dir);
            TrustIssuer.Init(mesh, folder, DateTimeOffset.UtcNow);
            TrustIssuer.Issue(mesh, folder, "a", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
            foreach (var key in new[] { folder.RootKey, folder.IntermediateKey("a"), Path.Combine(folder.GatewayFolder("a"), TrustMaterial.KeyFile) })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            var material = TrustMaterial.Load(folder.GatewayFolder("a"));
            Assert.Equal("spiffe://t.example/site/a/gateway", material.Identity?.ToString());
            Assert.Single(material.Intermediates);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
