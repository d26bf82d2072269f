using System.Net;

namespace MeshFed.Gateway.Tests;

/// <summary>HTTP/1.1, HTTP/2 and gRPC ports cross sites, and reach the workload in the protocol its port declares.</summary>
public class ProtocolTests(ProtocolTests.Loopback loopback) : IClassFixture<ProtocolTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: payments
              ports: [{ port: 8080, protocol: http }, { port: 9090, protocol: grpc }, { port: 9443, protocol: http2 }]
              deployments:
                - { site: b, version: v3 }
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => ProtocolTests.Mesh;
    }

    [Theory]
    [InlineData(8080, "HTTP/1.1")]
    [InlineData(9090, "HTTP/2")]
    [InlineData(9443, "HTTP/2")]
    public async Task EachPort_ReachesTheWorkloadInItsProtocol(int port, string protocol)
    {
        var federation = loopback.Federation;
        // From another site (gateway a -> mTLS -> gateway b -> workload) and from the serving site's own gateway.
        foreach (var site in new[] { "a", "c" })
        {
            var answer = await TestFederation.ReadAsync(await federation.SendAsync(site, $"payments.default.svc.cluster.local:{port}"));
            Assert.Equal(("payments", "b", "v3"), (answer.Service, answer.Site, answer.Version));
            Assert.Equal(protocol, answer.Protocol);
        }
    }

    [Fact]
    public async Task TheLocalListener_TakesH2cAndHttp11OnOnePort()
    {
        var federation = loopback.Federation;
        var local = federation.Federation.Gateways["a"].LocalEndpoint;
        using var client = new HttpClient();
        // Envoy sends gRPC to the gateway as prior-knowledge HTTP/2 over cleartext; HTTP services as HTTP/1.1.
        foreach (var (version, port, expected) in new[] { (HttpVersion.Version20, 9090, "HTTP/2"), (HttpVersion.Version11, 8080, "HTTP/1.1"), (HttpVersion.Version20, 8080, "HTTP/1.1") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{local.Port}/")
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Headers.Host = $"payments.default.svc.cluster.local:{port}";
            using var response = await client.SendAsync(request);
            Assert.Equal(version, response.Version);
            var answer = await TestFederation.ReadAsync(response);
            Assert.Equal(("payments", "b"), (answer.Service, answer.Site));
            Assert.Equal(expected, answer.Protocol); // the port's protocol decides the hop to the workload
        }
    }

    [Fact]
    public async Task PrefaceDetection_WaitsForEnoughBytes_AndDecidesOnTheFirstDifferentOne()
    {
        // The reader runs inline on the writer's flush: when WriteAsync returns, the detection has seen the bytes and
        // either decided or gone back to waiting; no delay stands in for "it has looked".
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(readerScheduler: System.IO.Pipelines.PipeScheduler.Inline, useSynchronizationContext: false));
        var detecting = MeshFed.Gateway.Hosting.ClearTextProtocolDetection.StartsWithHttp2Preface(pipe.Reader, CancellationToken.None);
        await pipe.Writer.WriteAsync("PRI * HT"u8.ToArray());
        Assert.False(detecting.IsCompleted); // a prefix of the preface: waits (without spinning) for more
        await pipe.Writer.WriteAsync("TP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        Assert.True(await detecting);

        var http1 = new System.IO.Pipelines.Pipe();
        await http1.Writer.WriteAsync("PUT / HTTP/1.1\r\n"u8.ToArray());
        Assert.False(await MeshFed.Gateway.Hosting.ClearTextProtocolDetection.StartsWithHttp2Preface(http1.Reader, CancellationToken.None));
        // Nothing was consumed: Kestrel reads the request from the start.
        var unread = await http1.Reader.ReadAsync();
        Assert.Equal("PUT / HTTP/1.1\r\n", System.Text.Encoding.ASCII.GetString(System.Buffers.BuffersExtensions.ToArray(unread.Buffer)));
    }
}
