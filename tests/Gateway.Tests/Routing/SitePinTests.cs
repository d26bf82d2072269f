using System.Net;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// <c>x-meshfed-site</c> from a local caller chooses the site only where a route pins that (version, site): the
/// mesh sets it there; anywhere else a caller could steer around the failover order.
/// </summary>
public class SitePinTests(SitePinTests.Loopback loopback) : IClassFixture<SitePinTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: pay
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }, { site: c, version: v1 }]
              traffic:
                failover: [b, c]
            - name: ledger
              ports: [{ port: 8081 }]
              deployments: [{ site: b, version: v1 }, { site: c, version: v1 }]
              traffic:
                failover: [b, c]
                routes:
                  - name: audit
                    match: { headers: { x-audit: { exact: "1" } } }
                    to: [{ version: v1, site: c }]
                  - name: default
                    to: [{ version: v1 }]
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => SitePinTests.Mesh;
    }

    private static Dictionary<string, string> Pin(string version, string site) => new() { ["x-meshfed-version"] = version, ["x-meshfed-site"] = site };

    [Fact]
    public async Task SiteHeader_NoRoutePinsIt_FailoverOrderDecides()
    {
        var f = loopback.Federation;
        for (var i = 0; i < 5; i++)
            Assert.Equal("b", (await TestFederation.ReadAsync(await f.SendAsync("a", "pay", headers: Pin("v1", "c")))).Site);
    }

    [Fact]
    public async Task SiteHeader_ARoutePinsIt_IsHonoured()
    {
        var f = loopback.Federation;
        Assert.Equal("c", (await TestFederation.ReadAsync(await f.SendAsync("a", "ledger.default.svc.cluster.local:8081", headers: Pin("v1", "c")))).Site);
        Assert.Equal("b", (await TestFederation.ReadAsync(await f.SendAsync("a", "ledger.default.svc.cluster.local:8081"))).Site);
    }
}
