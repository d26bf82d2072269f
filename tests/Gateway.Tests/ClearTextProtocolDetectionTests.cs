using System.Net;
using MeshFed.Federation.Trust;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Trust;
using MeshFed.Model.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// The h2c start-up proof: a real connection tells a listener that serves h2c from one that answers it with
/// HTTP/1.1, and a gateway whose local listener cannot take h2c refuses a plan that needs it, naming the ports.
/// </summary>
public sealed class ClearTextProtocolDetectionTests : IDisposable
{
    private const string GrpcMesh = TestMeshes.Sites + """

            - name: payments
              ports: [{ port: 9090, protocol: grpc }]
              deployments: [{ site: b, version: v1 }]
        """;

    private const string HttpMesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-h2c-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(HttpProtocols.Http2, true)]
    [InlineData(HttpProtocols.Http1, false)]
    public async Task Proof_TellsH2cFromHttp11(HttpProtocols protocols, bool servesH2c)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        await using var app = builder.Build();
        await app.StartAsync();
        var address = new Uri(app.Urls.First());

        var problem = await ClearTextProtocolDetection.ProblemServingH2cAsync(new IPEndPoint(IPAddress.Loopback, address.Port), TimeSpan.FromSeconds(5), CancellationToken.None);

        if (servesH2c)
            Assert.Null(problem);
        else
            Assert.Contains("served the h2c proof connection as HTTP/1.1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGatewaysLocalListener_PassesTheProof()
    {
        await using var federation = await TestFederation.StartAsync(GrpcMesh);
        var local = federation.Federation.Gateways["a"].LocalEndpoint;
        Assert.Null(await ClearTextProtocolDetection.ProblemServingH2cAsync(local, TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    [Fact]
    public void Reload_NeedingH2cTheListenerCannotTake_IsRefusedNamingThePorts()
    {
        var http = ManifestLoader.LoadText(HttpMesh, "m.yaml").Mesh!;
        var grpc = ManifestLoader.LoadText(GrpcMesh, "m.yaml").Mesh!;
        var folder = new TrustFolder(Path.Combine(_dir, "trust"));
        TrustIssuer.Init(http, folder, DateTimeOffset.UtcNow);
        TrustIssuer.Issue(http, folder, "a", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        using var trust = new TrustReloader(TrustMaterial.Load(folder.GatewayFolder("a")), NullLogger.Instance);
        var settings = new GatewaySettings { Site = "a" };
        var state = new GatewayState(GatewayPlan.Build(http, settings, trust.Generation));
        using var jwksHttp = new HttpClient();
        var reloads = new GatewayReloads(state, settings, trust, new JwksCache(jwksHttp, NullLogger.Instance), NullLogger.Instance) { H2cProblem = "no feature" };

        var refusal = reloads.ApplyManifest(grpc);

        Assert.NotNull(refusal);
        Assert.Contains("cannot take h2c (no feature)", refusal, StringComparison.Ordinal);
        Assert.Contains("payments:9090", refusal, StringComparison.Ordinal);
        Assert.Same(http, state.Plan.Mesh);
        Assert.Null(reloads.ApplyManifest(http with { Name = "t2" })); // nothing needs h2c: applied
        Assert.Equal("t2", state.Plan.Mesh.Name);
    }
}
