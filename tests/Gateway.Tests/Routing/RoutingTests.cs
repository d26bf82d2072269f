using System.Net;

namespace MeshFed.Gateway.Tests;

/// <summary>Traffic across a loopback federation follows the manifest's routes, weights and pins.</summary>
public class RoutingTests(RoutingTests.Loopback loopback) : IClassFixture<RoutingTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: orders
              ports: [{ port: 8081 }]
              deployments:
                - { site: a, version: v1 }
                - { site: b, version: v2 }
              traffic:
                routes:
                  - name: beta
                    match: { headers: { x-beta: { exact: "1" } } }
                    to: [{ version: v2 }]
                  - name: canary
                    to: [{ version: v1, weight: 70 }, { version: v2, weight: 30 }]
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => RoutingTests.Mesh;
    }

    [Fact]
    public async Task WeightedSplit_MatchesDeclaredWeights()
    {
        var federation = loopback.Federation;
        const int n = 600;
        var served = new Dictionary<string, int>();
        for (var i = 0; i < n; i++)
        {
            var answer = await TestFederation.ReadAsync(await federation.SendAsync("a", "orders.default.svc.cluster.local:8081"));
            served[answer.Version] = served.GetValueOrDefault(answer.Version) + 1;
            Assert.Equal(answer.Version == "v1" ? "a" : "b", answer.Site);
        }
        // 70/30 over 600 requests: the standard deviation of the v2 count is sqrt(600*0.3*0.7) = 11.2; allow 4 sigma.
        Assert.InRange(served.GetValueOrDefault("v2"), 180 - 45, 180 + 45);
        Assert.Equal(n, served.Values.Sum());
    }

    [Fact]
    public async Task HeaderRoute_HitsItsTarget_AcrossSites()
    {
        var federation = loopback.Federation;
        for (var i = 0; i < 20; i++)
        {
            var answer = await TestFederation.ReadAsync(await federation.SendAsync("a", "orders", headers: new Dictionary<string, string> { ["x-beta"] = "1" }));
            Assert.Equal(("v2", "b"), (answer.Version, answer.Site));
            Assert.Equal("v2", answer.Headers["x-meshfed-version"]);
        }
    }

    [Fact]
    public async Task PinnedVersion_FromTheMesh_IsDelivered()
    {
        var federation = loopback.Federation;
        var answer = await TestFederation.ReadAsync(await federation.SendAsync("b", "orders.default", headers: new Dictionary<string, string> { ["x-meshfed-version"] = "v1" }));
        Assert.Equal(("v1", "a"), (answer.Version, answer.Site));
    }

    [Fact]
    public async Task UnknownHost_Is404_WithTheReason()
    {
        var federation = loopback.Federation;
        var response = await federation.SendAsync("a", "nope.default.svc.cluster.local");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown-host", response.Headers.GetValues("x-meshfed-refused").Single());
    }
}
