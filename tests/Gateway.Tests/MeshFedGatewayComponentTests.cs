using System.Net;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// The gateway embedded in another ASP.NET Core application through <c>AddMeshFedGateway</c> /
/// <c>MapMeshFedGateway</c>: the host's own registrations win (TryAdd), and every part reads the injected clock.
/// </summary>
public sealed class MeshFedGatewayComponentTests : IDisposable
{
    private readonly TestTrust _trust = new();

    public void Dispose() => _trust.Dispose();

    private GatewayCore Core(TimeProvider time) =>
        new(new GatewayState(GatewayPlan.Build(_trust.Mesh, new GatewaySettings { Site = "site-a" }, time: time)),
            new TrustReloader(_trust.Material("site-a"), NullLogger.Instance), NullLoggerFactory.Instance, time);

    private static async Task<WebApplication> StartAsync(GatewayCore gateway, Action<IServiceCollection>? before = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        before?.Invoke(builder.Services);
        builder.Services.AddMeshFedGateway(gateway, GatewayListener.Local);
        var app = builder.Build();
        app.MapMeshFedHealth();
        app.MapMeshFedGateway(GatewayListener.Local);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Embedded_ServesHealthAndProxies_OnTheInjectedClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var gateway = Core(time);
        await using var app = await StartAsync(gateway);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        // YARP (ejection periods) reads the gateway's clock too, not its own TimeProvider.System.
        Assert.Same(time, app.Services.GetRequiredService<TimeProvider>());
        Assert.IsType<PeerClientFactory>(app.Services.GetRequiredService<IForwarderHttpClientFactory>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        // The router answers: a host no service of the mesh has is refused by the gateway, not by ASP.NET Core.
        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/x") { Headers = { Host = "nowhere.example" } };
        var refused = await client.SendAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("nowhere.example", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The SVID lives 2 h (TestTrust): on the gateway's clock it has expired, whatever the wall clock says.
        time.Advance(TimeSpan.FromHours(3));
        var notReady = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("SVID expired", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeProvider_RegisteredByTheHostFirst_Wins()
    {
        using var gateway = Core(TimeProvider.System);
        var hosts = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await StartAsync(gateway, services => services.AddSingleton<TimeProvider>(hosts));
        Assert.Same(hosts, app.Services.GetRequiredService<TimeProvider>());
    }
}
