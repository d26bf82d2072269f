using System.Net;
using MeshFed.Federation.Up;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// A caller's identity counts only when someone entitled to assert it did: XFCC from a trusted hop naming a
/// workload of this site's mesh, or <c>x-meshfed-caller</c> from site B's gateway naming a workload of B's mesh.
/// </summary>
public class CallerIdentityTests(CallerIdentityTests.Loopback loopback) : IClassFixture<CallerIdentityTests.Loopback>
{
    // Each site's mesh has its own trust domain, so "who may vouch for whom" is visible.
    internal const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: a, provider: aws, region: us-east-1, mesh: appmesh, meshTrustDomain: a.mesh, gateway: { address: 10.0.0.1 } }
            - { name: b, provider: gcp, project: p, region: europe-west1, mesh: istio, meshTrustDomain: b.mesh, gateway: { address: 10.0.0.2 } }
            - { name: c, provider: onprem, mesh: istio, meshTrustDomain: c.mesh, gateway: { address: 10.0.0.3 } }
          services:
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
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => CallerIdentityTests.Mesh;
    }

    internal const string OrdersOfA = "spiffe://a.mesh/ns/default/sa/orders";

    [Fact]
    public async Task Xfcc_FromAClientThatIsNoTrustedHop_IsStripped_CallerUnknown()
    {
        // The attack of E2: any client of the local port claims to be orders.
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { TypicalLatency = false, TrustXfccFrom = [] });
        var forged = await f.SendAsync("a", "stock", "/stock/42", caller: OrdersOfA);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("caller 'unknown'", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Xfcc_FromATrustedHop_NamesTheCaller()
    {
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { TypicalLatency = false, TrustXfccFrom = [IPNetwork.Parse("127.0.0.1/32")] });
        Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("a", "stock", "/stock/42", caller: OrdersOfA)).StatusCode);
    }

    [Theory]
    [InlineData("spiffe://attacker.example/ns/default/sa/orders")] // a foreign trust domain, same path
    [InlineData("spiffe://b.mesh/ns/default/sa/orders")] // another site's mesh: site a's sidecar cannot vouch for it
    [InlineData("spiffe://a.mesh/site/a/../../ns/default/sa/orders")] // dot segments that System.Uri would have removed
    [InlineData("spiffe://A.MESH/ns/default/sa/orders")] // upper-case trust domain
    public async Task Xfcc_FromATrustedHop_OutsideTheSiteMesh_IsUnknown(string caller)
    {
        var f = loopback.Federation;
        var response = await f.SendAsync("a", "stock", "/stock/42", caller: caller);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("caller 'unknown'", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(OrdersOfA, HttpStatusCode.OK)]
    [InlineData("spiffe://attacker.example/ns/default/sa/orders", HttpStatusCode.Forbidden)]
    [InlineData("spiffe://c.mesh/ns/default/sa/orders", HttpStatusCode.Forbidden)] // site a asserting site c's workload
    [InlineData("spiffe://b.mesh/ns/default/sa/orders", HttpStatusCode.Forbidden)] // site a asserting b's own workload
    [InlineData("spiffe://a.mesh/site/a/../../ns/default/sa/orders", HttpStatusCode.Forbidden)]
    public async Task CallerAssertedByAPeer_CountsOnlyInThatPeersMesh(string caller, HttpStatusCode expected)
    {
        var f = loopback.Federation;
        var response = await PeerClient.SendAsync(f, "a", "b", "stock.default.svc.cluster.local:8082", "/stock/1",
            new Dictionary<string, string> { ["x-meshfed-caller"] = caller });
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("istio", "gke", "127.0.0.6/32,::6/128")]
    [InlineData("cloud-service-mesh", "gke", "127.0.0.6/32,::6/128")]
    [InlineData("istio", "kubernetes", "127.0.0.6/32,::6/128")]
    [InlineData("istio", "eks", "127.0.0.6/32,::6/128")]
    [InlineData("appmesh", "ecs", "")]
    [InlineData("appmesh", "eks", "")]
    public void DefaultHops_FollowTheSitesMeshAndPlatform(string mesh, string platform, string expected)
    {
        var site = new MeshFed.Model.Site
        {
            Name = "s", Provider = MeshFed.Model.CloudProvider.Gcp, MeshTrustDomain = "cluster.local",
            Mesh = mesh switch { "istio" => MeshFed.Model.MeshKind.Istio, "cloud-service-mesh" => MeshFed.Model.MeshKind.CloudServiceMesh, _ => MeshFed.Model.MeshKind.AppMesh },
            Gateway = new MeshFed.Model.SiteGateway
            {
                Address = "10.0.0.1",
                Platform = Enum.Parse<MeshFed.Model.GatewayPlatform>(platform, ignoreCase: true),
            },
        };
        Assert.Equal(expected, string.Join(",", MeshFed.Gateway.Policy.ForwardedClientCertHops.For(site)));
    }

    [Theory]
    [InlineData("127.0.0.6", "127.0.0.6/32")]
    [InlineData("10.0.0.0/16, ::6", "10.0.0.0/16,::6/128")]
    [InlineData("none", "")]
    public void TrustXfccFrom_Parses(string text, string expected)
    {
        Assert.True(MeshFed.Gateway.Policy.ForwardedClientCertHops.TryParse(text, out var hops, out var error), error);
        Assert.Equal(expected, string.Join(",", hops));
    }
}
