using System.Diagnostics;
using System.Net;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Requests are handled exactly once, or refused: a request whose body was streamed is never sent again, a
/// bodiless one keeps its retries whichever request came first, and the receiving gateway bounds its wait too.
/// </summary>
public class RequestOnceTests
{
    private const string Flaky = TestMeshes.Sites + """

            - name: flaky
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
              traffic:
                retries: { attempts: 2, on: [5xx] }
        """;

    [Fact]
    public async Task GetThenPost_PostIsSentOnce_AndTheClientGetsTheBackendsAnswer()
    {
        await using var f = await TestFederation.StartAsync(Flaky);
        var backend = f.Federation.Workload("flaky", "b", "v1");
        backend.Fault = 503;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await f.SendAsync("a", "flaky")).StatusCode);
        Assert.Equal(3, backend.Served); // the GET: one try and two retries

        var post = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{f.Federation.Gateways["a"].LocalEndpoint.Port}/orders")
        {
            Content = new StringContent("""{"amount":100}""", System.Text.Encoding.UTF8, "application/json"),
        };
        post.Headers.Host = "flaky";
        var answer = await f.Client.SendAsync(post);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode); // the backend's 503, not a 502 from a failed re-send
        Assert.Equal(4, backend.Served);
    }

    [Fact]
    public async Task PostThenGet_GetIsStillRetried()
    {
        await using var f = await TestFederation.StartAsync(Flaky);
        var backend = f.Federation.Workload("flaky", "b", "v1");
        backend.Fault = 503;

        var post = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{f.Federation.Gateways["a"].LocalEndpoint.Port}/orders") { Content = new StringContent("x") };
        post.Headers.Host = "flaky";
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await f.Client.SendAsync(post)).StatusCode);
        Assert.Equal(1, backend.Served);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await f.SendAsync("a", "flaky")).StatusCode);
        Assert.Equal(4, backend.Served);
    }

    [Fact]
    public async Task ReceivingGateway_AppliesTheServiceTimeout()
    {
        await using var f = await TestFederation.StartAsync(TestMeshes.SlowOnB);
        f.Federation.Workload("slow", "b", "v1").Delay = TimeSpan.FromSeconds(5);
        // Straight to b's peer listener, as a peer whose own timeout is longer (or gone) would arrive.
        var watch = Stopwatch.StartNew();
        var response = await PeerClient.SendAsync(f, "a", "b", "slow.default.svc.cluster.local:8080");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }
}
