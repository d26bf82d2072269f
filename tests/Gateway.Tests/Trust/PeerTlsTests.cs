using System.Net;
using System.Security.Authentication;
using MeshFed.Gateway.Trust;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Security review E11 (the EKU of each side), E13 (TLS 1.3 only between gateways), E12/R5 (refused peer
/// certificates logged with their reason, rate-limited).
/// </summary>
public class PeerTlsTests
{
    [Fact]
    public async Task PeerListener_ClientCertificateWithServerAuthOnly_IsRefused()
    {
        using var trust = new TestTrust();
        await using var federation = await PeerCalls.StartAsync(trust);
        var siteA = trust.Intermediate("site-a");
        var serverOnly = ForgedCertificates.Leaf(siteA, "spiffe://fed.test/site/site-a/gateway", [ForgedCertificates.ServerAuth]);
        await Assert.ThrowsAsync<HttpRequestException>(() => PeerCalls.CallAsync(federation.Gateways["site-c"], serverOnly, [siteA]));
        var clientOnly = ForgedCertificates.Leaf(siteA, "spiffe://fed.test/site/site-a/gateway", [ForgedCertificates.ClientAuth]);
        Assert.Equal(HttpStatusCode.OK, (await PeerCalls.CallAsync(federation.Gateways["site-c"], clientOnly, [siteA])).StatusCode);
    }

    [Fact]
    public async Task PeerClient_ServerCertificateWithClientAuthOnly_IsRefused()
    {
        using var trust = new TestTrust();
        var siteB = trust.Intermediate("site-b");
        await using var clientOnly = new ForgedPeerServer(ForgedCertificates.Leaf(siteB, "spiffe://fed.test/site/site-b/gateway", [ForgedCertificates.ClientAuth]), [siteB]);
        await Assert.ThrowsAsync<HttpRequestException>(() => trust.DialAsync("site-a", "site-b", clientOnly.Port));
    }

    [Fact]
    public async Task PeerClient_ServerCertificateWithServerAuthOnly_IsAccepted()
    {
        using var trust = new TestTrust();
        var siteB = trust.Intermediate("site-b");
        await using var serverOnly = new ForgedPeerServer(ForgedCertificates.Leaf(siteB, "spiffe://fed.test/site/site-b/gateway", [ForgedCertificates.ServerAuth]), [siteB]);
        Assert.Equal(HttpStatusCode.OK, (await trust.DialAsync("site-a", "site-b", serverOnly.Port)).StatusCode);
    }

    [Fact]
    public async Task PeerListener_Tls12Client_IsRefused()
    {
        using var trust = new TestTrust();
        await using var federation = await PeerCalls.StartAsync(trust);
        var siteA = trust.Intermediate("site-a");
        var leaf = ForgedCertificates.Leaf(siteA, "spiffe://fed.test/site/site-a/gateway");
        await Assert.ThrowsAsync<HttpRequestException>(() => PeerCalls.CallAsync(federation.Gateways["site-c"], leaf, [siteA], SslProtocols.Tls12));
        Assert.Equal(HttpStatusCode.OK, (await PeerCalls.CallAsync(federation.Gateways["site-c"], leaf, [siteA], SslProtocols.Tls13)).StatusCode);
    }

    [Fact]
    public async Task PeerClient_Tls12OnlyServer_IsRefused()
    {
        using var trust = new TestTrust();
        var siteB = trust.Intermediate("site-b");
        var leaf = ForgedCertificates.Leaf(siteB, "spiffe://fed.test/site/site-b/gateway");
        await using (var tls12 = new ForgedPeerServer(leaf, [siteB], SslProtocols.Tls12))
            await Assert.ThrowsAsync<HttpRequestException>(() => trust.DialAsync("site-a", "site-b", tls12.Port));
        await using var tls13 = new ForgedPeerServer(leaf, [siteB], SslProtocols.Tls13);
        Assert.Equal(HttpStatusCode.OK, (await trust.DialAsync("site-a", "site-b", tls13.Port)).StatusCode);
    }

    [Fact]
    public async Task PeerClient_RefusedServerCertificate_IsLoggedWithItsReason()
    {
        using var trust = new TestTrust();
        var logs = new CapturedLogs();
        var siteC = trust.Intermediate("site-c");
        await using var wrongSite = new ForgedPeerServer(ForgedCertificates.Leaf(siteC, "spiffe://fed.test/site/site-c/gateway"), [siteC]);
        await Assert.ThrowsAsync<HttpRequestException>(() => trust.DialAsync("site-a", "site-b", wrongSite.Port, logs.Factory));
        Assert.Contains(logs.Lines, l => l.Contains("server side, expected site site-b", StringComparison.Ordinal)
            && l.Contains("is not the gateway of site site-b", StringComparison.Ordinal));
    }

    [Fact]
    public void Refused_ManyInAMinute_LogsTheFirstTenThenACount()
    {
        var logs = new CapturedLogs();
        var time = new ManualTime();
        var log = new PeerRefusalLog(logs.Factory.CreateLogger("t"), time);
        for (var i = 0; i < 50; i++)
            log.Refused("client", null, "certificate not valid", "CN=scanner\r\nforged: line");
        Assert.Equal(PeerRefusalLog.PerMinute, logs.Lines.Count);
        Assert.All(logs.Lines, l => Assert.DoesNotContain('\r', l));
        Assert.All(logs.Lines, l => Assert.DoesNotContain('\n', l));

        time.Advance(TimeSpan.FromMinutes(1));
        log.Refused("client", null, "certificate not valid", null);
        Assert.Contains(logs.Lines, l => l.Contains("40 more peer certificates were refused", StringComparison.Ordinal));
        Assert.Equal(PeerRefusalLog.PerMinute + 2, logs.Lines.Count);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
