using System.Net;
using System.Text.RegularExpressions;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Hosting;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshFed.Gateway.Tests;

/// <summary>Health, readiness, Prometheus metrics, hot reload of the manifest, and draining.</summary>
/// <remarks>
/// Alone, not beside other test classes: every gateway of the process records into the one static meter, and the
/// metrics test counts exactly five requests from "b" to "orders" on "a", names other classes' federations use too
/// (it saw more than five under the full suite, 2026-12-03).
/// </remarks>
[Collection(nameof(OperationsTests))]
public class OperationsTests
{
    private const string Mesh = TestMeshes.Sites + """

            - name: orders
              ports: [{ port: 8081 }]
              deployments: [{ site: a, version: v1 }, { site: b, version: v2 }]
              traffic:
                routes:
                  - name: all
                    to: [{ version: v1, weight: 100 }, { version: v2, weight: 0 }]
        """;

    [Fact]
    public async Task Health_Readiness_AndGoldenSignalMetrics()
    {
        using var telemetry = GatewayTelemetry.Create(ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!.Telemetry);
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { TypicalLatency = false, Telemetry = telemetry });
        for (var i = 0; i < 5; i++)
            await TestFederation.ReadAsync(await f.SendAsync("b", "orders"));
        var admin = f.Federation.Gateways["b"].AdminEndpoint;
        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync($"http://127.0.0.1:{admin.Port}/healthz")).StatusCode);
        var ready = await f.Client.GetAsync($"http://127.0.0.1:{admin.Port}/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // A request is counted when the gateway has finished with it, which may be just after the caller read the
        // response: the scrape is repeated until the fifth is in.
        const string FiveOutbound = "meshfed_requests_total\\{[^}]*meshfed_direction=\"outbound\"[^}]*meshfed_reporter=\"b\"[^}]*meshfed_response_class=\"2xx\"[^}]*meshfed_service=\"orders\"[^}]*meshfed_site=\"a\"[^}]*meshfed_version=\"v1\"[^}]*\\} 5";
        var metrics = "";
        await WaitUntil(async () => Regex.IsMatch(metrics = await f.Client.GetStringAsync($"http://127.0.0.1:{admin.Port}/metrics"), FiveOutbound));
        Assert.Contains("# TYPE meshfed_requests_total counter", metrics);
        Assert.Matches(FiveOutbound, metrics);
        Assert.Contains("meshfed_request_duration_seconds_bucket{", metrics);
        Assert.Contains("le=\"0.005\"", metrics); // the manifest's latency buckets
    }

    [Fact]
    public async Task RequestsInFlight_AreScrapedWhileHeld_AndNoneOnceAnswered()
    {
        using var telemetry = GatewayTelemetry.Create(ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!.Telemetry);
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { TypicalLatency = false, Telemetry = telemetry });
        var workload = f.Federation.Workload("orders", "a", "v1");
        workload.Delay = TimeSpan.FromSeconds(2);
        var served = workload.Served;
        var held = f.SendAsync("b", "orders");
        await WaitUntil(() => Task.FromResult(workload.Served > served));

        // Both hops hold it: b sent it out, a took it in. The gauge is observed at the scrape, not updated per request.
        static string Active(string reporter, string direction, int count) =>
            $"meshfed_requests_active\\{{[^}}]*meshfed_direction=\"{direction}\"[^}}]*meshfed_reporter=\"{reporter}\"[^}}]*meshfed_service=\"orders\"[^}}]*meshfed_site=\"a\"[^}}]*meshfed_version=\"v1\"[^}}]*\\}} {count}\\b";
        async Task<string> Scrape(string gateway) => await f.Client.GetStringAsync($"http://127.0.0.1:{f.Federation.Gateways[gateway].AdminEndpoint.Port}/metrics");
        var outbound = await Scrape("b");
        Assert.Matches(Active("b", "outbound", 1), outbound);
        Assert.Contains("# TYPE meshfed_requests_active gauge", outbound); // Prometheus' form of a non-monotonic sum
        Assert.Matches(Active("a", "inbound", 1), await Scrape("a"));

        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        await WaitUntil(async () => Regex.IsMatch(await Scrape("b"), Active("b", "outbound", 0)) && Regex.IsMatch(await Scrape("a"), Active("a", "inbound", 0)));
    }

    [Fact]
    public async Task ManifestEdit_ReloadsRouting_AndABadEditIsIgnored()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-reload-").FullName;
        var file = Path.Combine(dir, "mesh.yaml");
        await File.WriteAllTextAsync(file, Mesh);
        try
        {
            var mesh = ManifestLoader.Load(file).Mesh!;
            var logs = new CapturedLogs();
            var federation = await LocalFederation.StartAsync(mesh, new LocalFederationOptions { TypicalLatency = false, ManifestPath = file }, logs.Factory);
            await using var f = new TestFederationView(federation);
            Assert.Equal("v1", (await TestFederation.ReadAsync(await f.SendAsync("b", "orders"))).Version);

            var toV2 = Mesh.Replace("weight: 100 }, { version: v2, weight: 0 }", "weight: 0 }, { version: v2, weight: 100 }", StringComparison.Ordinal);
            Assert.NotEqual(Mesh, toV2);
            await File.WriteAllTextAsync(file, toV2);
            await WaitUntil(async () => (await TestFederation.ReadAsync(await f.SendAsync("b", "orders"))).Version == "v2");

            // An invalid edit: logged and ignored; the gateway keeps serving with the last good manifest.
            var invalid = toV2.Replace("weight: 0 }, { version: v2, weight: 100 }", "weight: 10 }, { version: v2, weight: 100 }", StringComparison.Ordinal);
            Assert.NotEqual(toV2, invalid);
            await File.WriteAllTextAsync(file, invalid);
            // Asked once every gateway's watcher has read the edit and said it is invalid, not after a guessed delay.
            int Refusals() => logs.Lines.Count(l => l.Contains($"Manifest {file} changed but is invalid", StringComparison.Ordinal));
            await WaitUntil(() => Task.FromResult(Refusals() >= federation.Gateways.Count));
            Assert.Equal("v2", (await TestFederation.ReadAsync(await f.SendAsync("b", "orders"))).Version);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Stop_Drains_InFlightRequestsFinish_ReadinessFails()
    {
        await using var f = await TestFederation.StartAsync(Mesh);
        var workload = f.Federation.Workload("orders", "a", "v1");
        workload.Delay = TimeSpan.FromMilliseconds(800);
        var served = workload.Served;
        var inFlight = f.SendAsync("b", "orders");
        // In flight means at the workload (it counts a request as it arrives), not a guessed 200 ms later.
        await WaitUntil(() => Task.FromResult(workload.Served > served));
        var stopping = f.Federation.Gateways["b"].StopAsync();
        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await stopping;
        Assert.True(f.Federation.Gateways["b"].State.Draining);
        // Stopped: new connections are refused.
        await Assert.ThrowsAsync<HttpRequestException>(() => f.SendAsync("b", "orders"));
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in 20 s");
            await Task.Delay(200);
        }
    }
}

/// <summary>Runs <see cref="OperationsTests"/> with no other test class at the same time.</summary>
[CollectionDefinition(nameof(OperationsTests), DisableParallelization = true)]
public sealed class OperationsCollection;
