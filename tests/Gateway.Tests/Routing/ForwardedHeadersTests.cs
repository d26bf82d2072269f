namespace MeshFed.Gateway.Tests;

/// <summary>
/// A service sees the <c>X-Forwarded-*</c> headers of the gateway that delivers to it (YARP's defaults, set by that
/// gateway), whatever the caller sent and although the link between the gateways carries none (<see cref="LinkHeadersTests"/>).
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Loopback loopback) : IClassFixture<ForwardedHeadersTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
            - name: web
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }]
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => ForwardedHeadersTests.Mesh;
    }

    [Fact]
    public async Task CrossSite_TheServiceSeesGatewayBsForwardedHeaders_NotTheCallers()
    {
        var served = await TestFederation.ReadAsync(await loopback.Federation.SendAsync("a", "api", headers: new Dictionary<string, string>
        {
            ["X-Forwarded-For"] = "192.0.2.7",
            ["X-Forwarded-Proto"] = "gopher",
            ["X-Forwarded-Host"] = "forged.example",
            ["Forwarded"] = "for=192.0.2.7",
        }));

        Assert.Equal("127.0.0.1", served.Headers["x-forwarded-for"]); // gateway A, as gateway B saw it
        Assert.Equal("https", served.Headers["x-forwarded-proto"]); // the federation link
        Assert.Equal("api.default.svc.cluster.local", served.Headers["x-forwarded-host"]); // the Host gateway A set
        Assert.False(served.Headers.ContainsKey("forwarded"));
    }

    [Fact]
    public async Task DeliveredInItsOwnSite_TheServiceSeesGatewayAsForwardedHeaders()
    {
        var served = await TestFederation.ReadAsync(await loopback.Federation.SendAsync("a", "web", headers: new Dictionary<string, string>
        {
            ["X-Forwarded-For"] = "192.0.2.7",
            ["Forwarded"] = "for=192.0.2.7",
        }));

        Assert.Equal("127.0.0.1", served.Headers["x-forwarded-for"]); // the caller, as gateway A saw it
        Assert.Equal("http", served.Headers["x-forwarded-proto"]); // the local listener
        Assert.False(served.Headers.ContainsKey("forwarded"));
    }
}
