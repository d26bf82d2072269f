using System.Net;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Trust;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// What gateway A's real pipeline (router, YARP, the trace transform, the federation client) puts on the link to a
/// peer gateway: the trace in W3C's format alone, whatever formats the caller sent; the version the peer must
/// deliver; not the site header, whose work is done once A has chosen the site; no <c>X-Forwarded-*</c>, which the
/// peer replaces with its own. The peer is a server on loopback
/// holding site-c's genuine gateway identity, which keeps each request's head.
/// </summary>
public sealed class LinkHeadersTests
{
    [Fact]
    public async Task CallerSendsEveryTraceFormat_TheLinkCarriesTraceparentAlone_InTheSameTrace()
    {
        var head = await HeadOnTheLinkAsync(new()
        {
            ["X-Amzn-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            ["X-Cloud-Trace-Context"] = "5759e988bd862e3fe1be46a994272793/6023947403358210776;o=1",
        });

        Assert.Contains(head, line => line.StartsWith("traceparent: 00-5759e988bd862e3fe1be46a994272793-", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(head, line => line.StartsWith("x-amzn-trace-id:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(head, line => line.StartsWith("x-cloud-trace-context:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task MeshPinsVersionAndSite_TheLinkCarriesTheVersion_NotTheSite()
    {
        var head = await HeadOnTheLinkAsync(new() { ["x-meshfed-version"] = "v1", ["x-meshfed-site"] = "site-c" });

        Assert.Contains("x-meshfed-version: v1", head, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(head, line => line.StartsWith("x-meshfed-site:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CallerSendsForwardedHeaders_TheLinkCarriesNone()
    {
        var head = await HeadOnTheLinkAsync(new() { ["X-Forwarded-For"] = "192.0.2.7", ["X-Forwarded-Proto"] = "https", ["Forwarded"] = "for=192.0.2.7" });

        Assert.DoesNotContain(head, line => line.StartsWith("x-forwarded-", StringComparison.OrdinalIgnoreCase) || line.StartsWith("forwarded:", StringComparison.OrdinalIgnoreCase));
    }

    // Sends one request for vault (site-c) into site-a's gateway and returns the head the peer received, line by line.
    private static async Task<string[]> HeadOnTheLinkAsync(Dictionary<string, string> headers)
    {
        using var trust = new TestTrust();
        var siteC = trust.Intermediate("site-c");
        await using var peer = new ForgedPeerServer(ForgedCertificates.Leaf(siteC, "spiffe://fed.test/site/site-c/gateway"), [siteC]);
        var mesh = TestTrust.Load(TestTrust.Yaml.Replace("gateway: { address: 10.0.0.3 }", $"gateway: {{ address: 127.0.0.1, port: {peer.Port} }}", StringComparison.Ordinal));
        using var material = new TrustReloader(trust.Material("site-a"), NullLogger.Instance);
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        await using var gateway = await GatewayHost.StartAsync(new GatewayHostOptions
        {
            Mesh = mesh,
            Settings = new GatewaySettings { Site = "site-a", LocalListen = loopback, PeerListen = loopback, AdminListen = loopback },
            Trust = material,
            LoggerFactory = NullLoggerFactory.Instance,
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{gateway.LocalEndpoint.Port}/");
        request.Headers.Host = "vault.default.svc.cluster.local:8080";
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(peer.Heads).Split("\r\n");
    }
}
