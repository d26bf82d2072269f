using System.Net;
using MeshFed.Gateway.Config;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// What hops 2 and 3 carry (docs/data-path.md): the service's FQDN as Host whatever the caller wrote, the
/// service port in x-meshfed-port, and on App Mesh sites the ingress Envoy as the only local destination.
/// </summary>
public class DeliveryTests(DeliveryTests.Loopback loopback) : IClassFixture<DeliveryTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: checkout
              namespace: shop
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
            - name: orders
              namespace: shop
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }]
            - name: api
              namespace: shop
              ports: [{ port: 8080 }, { port: 8081 }]
              deployments: [{ site: b, version: v1 }]
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => DeliveryTests.Mesh;
    }

    [Fact]
    public async Task ShortHost_ToAnIstioSite_ArrivesWithTheFqdnAndPort()
    {
        var federation = loopback.Federation;

        var answer = await TestFederation.ReadAsync(await federation.SendAsync("c", "checkout"));

        Assert.Equal(("v1", "b"), (answer.Version, answer.Site));
        Assert.Equal("checkout.shop.svc.cluster.local:8080", answer.Headers["host"]);
        Assert.Equal("8080", answer.Headers["x-meshfed-port"]);
    }

    [Fact]
    public async Task ShortHostWithPort_ToAnAppMeshSite_ArrivesWithTheFqdnAndThePortHeader()
    {
        var federation = loopback.Federation;

        var answer = await TestFederation.ReadAsync(await federation.SendAsync("b", "orders:8080"));

        // App Mesh gateway routes match hostname.exact; the port travels in x-meshfed-port.
        Assert.Equal("a", answer.Site);
        Assert.Equal("orders.shop.svc.cluster.local", answer.Headers["host"]);
        Assert.Equal("8080", answer.Headers["x-meshfed-port"]);
    }

    [Fact]
    public async Task MultiPortService_WithoutAPort_IsRefusedNotGuessed()
    {
        var federation = loopback.Federation;

        using var response = await federation.SendAsync("c", "api.shop");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("several HTTP/gRPC ports (8080, 8081)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MultiPortService_PortHeader_ChoosesThePort()
    {
        var federation = loopback.Federation;

        var answer = await TestFederation.ReadAsync(await federation.SendAsync("c", "api.shop", headers: new Dictionary<string, string> { ["x-meshfed-port"] = "8081" }));

        Assert.Equal("api.shop.svc.cluster.local:8081", answer.Headers["host"]);
        Assert.Equal("8081", answer.Headers["x-meshfed-port"]);
    }

    [Fact]
    public async Task PortHeader_NamingNoPortOfTheService_IsRefused()
    {
        var federation = loopback.Federation;

        using var response = await federation.SendAsync("c", "checkout", headers: new Dictionary<string, string> { ["x-meshfed-port"] = "9999" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{ dns: orders-v1.internal.example }")]
    [InlineData("{ cloudMap: { namespace: apps.local, service: orders-v1 } }")]
    [InlineData("{ kubernetes: {} }")]
    public void Build_AppMeshSite_DeliversToTheIngressEnvoyWhateverTheDiscovery(string discovery)
    {
        var mesh = Load(TestMeshes.Sites + $$"""

                - name: orders
                  namespace: shop
                  ports: [{ port: 8080 }]
                  deployments: [{ site: a, version: v1, discovery: {{discovery}} }]
            """);

        var plan = GatewayPlan.Build(mesh, new GatewaySettings { Site = "a" });

        var cluster = plan.PeerProxy.Clusters.Single(c => c.ClusterId == ClusterIds.Local(mesh.Services[0], "v1", 8080));
        var destination = Assert.Single(cluster.Destinations!.Values);
        Assert.Equal("http://127.0.0.1:15181/", destination.Address);
        Assert.Equal("orders.shop.svc.cluster.local", destination.Host);
        Assert.Equal(HttpVersion.Version11, cluster.HttpRequest!.Version);
    }

    [Fact]
    public void Build_AppMeshSiteServingGrpc_SendsH2cToTheIngressForEveryService()
    {
        var mesh = Load(TestMeshes.Sites + """

                - name: orders
                  namespace: shop
                  ports: [{ port: 8080 }]
                  deployments: [{ site: a, version: v1 }]
                - name: ledger
                  namespace: shop
                  ports: [{ port: 9090, protocol: grpc }]
                  deployments: [{ site: a, version: v1 }]
            """);

        var plan = GatewayPlan.Build(mesh, new GatewaySettings { Site = "a" });

        // One virtual gateway listener, http2 because ledger is gRPC: HTTP/1.1 orders goes as h2c too.
        var orders = plan.PeerProxy.Clusters.Single(c => c.ClusterId == ClusterIds.Local(mesh.Services[0], "v1", 8080));
        Assert.Equal(HttpVersion.Version20, orders.HttpRequest!.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, orders.HttpRequest.VersionPolicy);
    }

    [Fact]
    public void Build_IstioSite_KeepsTheServiceHostAndPortAsDestination()
    {
        var mesh = Load(Mesh);

        var plan = GatewayPlan.Build(mesh, new GatewaySettings { Site = "b" });

        var checkout = mesh.Services.Single(s => s.Name == "checkout");
        var destination = Assert.Single(plan.PeerProxy.Clusters.Single(c => c.ClusterId == ClusterIds.Local(checkout, "v1", 8080)).Destinations!.Values);
        Assert.Equal("http://checkout.shop.svc.cluster.local:8080/", destination.Address);
        Assert.Equal("checkout.shop.svc.cluster.local:8080", destination.Host);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(8081, null, 8081)]
    [InlineData(8080, "8081", 8081)]
    [InlineData(null, "8080", 8080)]
    public void PortFor_MultiPort_UsesHeaderThenHostAndNeverTheFirstPort(int? hostPort, string? header, int? expected)
    {
        var api = Load(Mesh).Services.Single(s => s.Name == "api");

        var port = GatewayPlan.PortFor(api, hostPort, header, out var refusal);

        Assert.Equal(expected, port?.Port);
        Assert.Equal(expected is null, refusal is not null);
    }

    private static FederatedMesh Load(string yaml)
    {
        var loaded = ManifestLoader.LoadText(yaml, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return loaded.Mesh!;
    }
}
