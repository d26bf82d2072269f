namespace MeshFed.Gateway.Tests;

/// <summary>
/// A service sees the <c>X-Forwarded-*</c> headers of the gateway that delivers to it (YARP's defaults, set by that
/// gateway), whatever the caller sent and although the link between the gateways carries none (<see cref="LinkHeadersTests"/>).
/// </summary>
public class ForwardedHeadersTests(ForwardedHeadersTests.Loopback loopback) : IClassFixture<ForwardedHeadersTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
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
        }));

        Assert.Equal("127.0.0.1", served.Headers["x-forwarded-for"]); // gateway A, as gateway B saw it
        Assert.Equal("https", served.Headers["x-forwarded-proto"]); // the federation link
        Assert.Equal("api.default.svc.cluster.local", served.Headers["x-forwarded-host"]); // the Host gateway A set
    }
}
