using System.Net;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Model.Loading;

namespace MeshFed.Gateway.Tests;

/// <summary>The admin listener is read-only and, unless told otherwise, reachable from this host only (E19, R9).</summary>
public class AdminListenerTests
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
        """;

    [Fact]
    public void AdminListen_Default_IsLoopback()
    {
        var settings = new GatewaySettings { Site = "a" };
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 15190), settings.AdminListen);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Metrics_AnswersGetOnly(string method)
    {
        using var telemetry = GatewayTelemetry.Create(ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!.Telemetry);
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { TypicalLatency = false, Telemetry = telemetry });
        var admin = $"http://127.0.0.1:{f.Federation.Gateways["b"].AdminEndpoint.Port}/metrics";

        var refused = await f.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), admin) { Content = new StringContent("x") });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync(admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, admin))).StatusCode);
    }
}
