using System.Diagnostics;
using System.Net;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Config;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// The hop between two gateways is HTTP/2 over mTLS whatever the service speaks (<see cref="FederationLink"/>):
/// concurrent requests share a few connections, a peer that vanishes mid-stream or says GOAWAY costs only the
/// requests it must, and the peer listener's connection cap no longer limits concurrent requests.
/// </summary>
public class FederationLinkTests
{
    private const string Failover = TestMeshes.Sites + """

            - name: pay
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }, { site: c, version: v1 }]
              traffic:
                failover: [b, c]
                circuitBreaker: { consecutive5xx: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100 }
        """;

    private static async Task<HttpResponseMessage[]> SendManyAsync(TestFederation f, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => f.SendAsync("a", "pay")));

    [Fact]
    public async Task ManyConcurrentHttp11Requests_ShareFewHttp2ConnectionsToThePeer()
    {
        await using var f = await TestFederation.StartAsync(Failover);
        f.Federation.Workload("pay", "b", "v1").Delay = TimeSpan.FromMilliseconds(300);
        using var connections = new KestrelConnections(f.Federation.Gateways["b"].PeerEndpoint.Port);

        var responses = await SendManyAsync(f, 150);

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var served = await TestFederation.ReadAsync(response);
            Assert.Equal("b", served.Site);
            Assert.Equal("HTTP/1.1", served.Protocol); // the workload still gets its port's protocol
        }
        // HTTP/1.1 keep-alive would hold one TLS connection per concurrent request (150); HTTP/2 carries up to
        // 100 streams per connection (Kestrel's MaxStreamsPerConnection), so two, and a race may open a third.
        Assert.InRange(connections.Opened, 1, 3);
    }

    [Fact]
    public async Task PeerListenerConnectionCap_DoesNotCapConcurrentRequests()
    {
        var options = new LocalFederationOptions
        {
            TypicalLatency = false,
            RandomSeed = 7,
            ConfigureGateway = settings => settings with { Limits = settings.Limits with { PeerMaxConnections = 2 } },
        };
        await using var f = await TestFederation.StartAsync(Failover, options);
        f.Federation.Workload("pay", "b", "v1").Delay = TimeSpan.FromMilliseconds(200);

        var responses = await SendManyAsync(f, 60);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(await Task.WhenAll(responses.Select(TestFederation.ReadAsync)), s => Assert.Equal("b", s.Site));
    }

    [Fact]
    public async Task PeerVanishesMidStream_InFlightRequestFailsAtOnce_AndTrafficFailsOver()
    {
        await using var f = await TestFederation.StartAsync(Failover);
        Assert.Equal("b", (await TestFederation.ReadAsync(await f.SendAsync("a", "pay"))).Site); // the link is open
        var workload = f.Federation.Workload("pay", "b", "v1");
        workload.Delay = TimeSpan.FromSeconds(10);
        var served = workload.Served;
        var inFlight = f.SendAsync("a", "pay");
        // In flight means at the workload (counted as it arrives), not a guessed 300 ms later.
        for (var deadline = DateTime.UtcNow.AddSeconds(10); workload.Served == served && DateTime.UtcNow < deadline;)
            await Task.Delay(20);
        Assert.Equal(served + 1, workload.Served);

        // Stopping with an already-cancelled token: Kestrel aborts every connection instead of draining.
        var clock = Stopwatch.StartNew();
        await f.Federation.Gateways["b"].StopAsync(new CancellationToken(canceled: true));
        var response = await inFlight;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the in-flight request waited {clock.Elapsed} for a dead peer");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        // The failure ejected b (consecutive5xx: 1): the failover order sends what follows to c (once YARP has applied
        // the ejection to the cluster, which it does asynchronously: a request or two may still find b gone).
        var sites = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var next = await f.SendAsync("a", "pay");
            if (next.StatusCode == HttpStatusCode.OK)
                sites.Add((await TestFederation.ReadAsync(next)).Site);
        }
        Assert.True(sites.Count >= 6, $"only {sites.Count} of 8 answered after the peer vanished");
        Assert.All(sites, site => Assert.Equal("c", site));
    }

    [Fact]
    public async Task PeerSaysGoaway_InFlightStreamsFinish_NewRequestsGoElsewhere()
    {
        await using var f = await TestFederation.StartAsync(Failover);
        Assert.Equal("b", (await TestFederation.ReadAsync(await f.SendAsync("a", "pay"))).Site); // the link is open
        var workload = f.Federation.Workload("pay", "b", "v1");
        workload.Delay = TimeSpan.FromMilliseconds(2500);
        var before = workload.Served;
        var inFlight = Enumerable.Range(0, 5).Select(_ => f.SendAsync("a", "pay")).ToArray();
        // In flight means at the workload: a request still on its way when GOAWAY comes is refused (and fails over), as it should be.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (workload.Served < before + 5 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(before + 5, workload.Served);

        // A graceful stop drains: Kestrel sends GOAWAY on the HTTP/2 link and lets its open streams finish.
        var stopping = f.Federation.Gateways["b"].StopAsync();
        await Task.Delay(200);
        var after = new List<string>();
        var refused = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var response = await f.SendAsync("a", "pay");
            if (response.StatusCode == HttpStatusCode.OK)
                after.Add((await TestFederation.ReadAsync(response)).Site);
            else
                refused.Add($"{i}: {(int)response.StatusCode} {string.Join(",", response.Headers.Select(h => h.Key + "=" + string.Join(";", h.Value)))}");
        }

        foreach (var response in await Task.WhenAll(inFlight))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("b", (await TestFederation.ReadAsync(response)).Site);
        }
        await stopping;
        // The first new requests may find b refusing until its ejection takes effect (YARP applies passive health
        // changes to the cluster's available destinations asynchronously); none reaches b, and c takes the rest.
        Assert.True(after.Count >= 5, $"only {after.Count} of 10 new requests answered: {string.Join(" | ", refused)}");
        Assert.All(after, site => Assert.Equal("c", site));
        Assert.True(refused.All(r => int.Parse(r[..r.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture) < 5),
            $"a refusal after the first five: {string.Join(" | ", refused)}");
    }
}
