namespace MeshFed.Gateway.Tests;

/// <summary>HTTP/1.1, HTTP/2 and gRPC ports cross sites, and reach the workload in the protocol its port declares.</summary>
public class ProtocolTests
{
    private const string Mesh = TestMeshes.Sites + """

            - name: payments
              ports: [{ port: 8080, protocol: http }, { port: 9090, protocol: grpc }, { port: 9443, protocol: http2 }]
              deployments:
                - { site: b, version: v3 }
        """;

    [Theory]
    [InlineData(8080, "HTTP/1.1")]
    [InlineData(9090, "HTTP/2")]
    [InlineData(9443, "HTTP/2")]
    public async Task EachPort_ReachesTheWorkloadInItsProtocol(int port, string protocol)
    {
        await using var federation = await TestFederation.StartAsync(Mesh);
        // From another site (gateway a -> mTLS -> gateway b -> workload) and from the serving site's own gateway.
        foreach (var site in new[] { "a", "c" })
        {
            var answer = await TestFederation.ReadAsync(await federation.SendAsync(site, $"payments.default.svc.cluster.local:{port}"));
            Assert.Equal(("payments", "b", "v3"), (answer.Service, answer.Site, answer.Version));
            Assert.Equal(protocol, answer.Protocol);
        }
    }
}
