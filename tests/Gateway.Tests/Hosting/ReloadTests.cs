using MeshFed.Federation.Trust;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshFed.Gateway.Tests;

/// <summary>Reloads never end the process, never lose each other, and never switch the federation's trust domain.</summary>
public sealed class ReloadTests : IDisposable
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-reload-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task WaitUntil(Func<bool> condition, TimeSpan within)
    {
        for (var deadline = DateTime.UtcNow + within; !condition() && DateTime.UtcNow < deadline;)
            await Task.Delay(50);
    }

    [Fact]
    public async Task Watcher_ApplyThrows_NothingEscapes_AndTheNextEditApplies()
    {
        var file = Path.Combine(_dir, "mesh.yaml");
        await File.WriteAllTextAsync(file, Mesh);
        var calls = 0;
        using var watcher = new ManifestWatcher(file, _ => ++calls == 1 ? throw new InvalidOperationException("boom") : null, NullLogger.Instance, TimeSpan.FromHours(1));

        await File.WriteAllTextAsync(file, Mesh + "\n# edit 1\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(1));
        watcher.Check(); // on a timer or watcher thread, an exception here ended the process
        await File.WriteAllTextAsync(file, Mesh + "\n# edit 2\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(2));
        watcher.Check();

        Assert.True(calls >= 2, $"apply called {calls} times");
    }

    [Fact]
    public async Task Watcher_FingerprintsOnlyWhatTheLoaderReads()
    {
        // A folder the loader skips (hidden, like .git) changes: nothing the gateway uses changed, so no reload.
        var manifest = Path.Combine(_dir, "mf");
        Directory.CreateDirectory(Path.Combine(manifest, ".tool"));
        await File.WriteAllTextAsync(Path.Combine(manifest, "mesh.yaml"), Mesh);
        var applied = 0;
        using var watcher = new ManifestWatcher(manifest, _ => { applied++; return null; }, NullLogger.Instance, TimeSpan.FromHours(1));

        await File.WriteAllTextAsync(Path.Combine(manifest, ".tool", "state.yaml"), "not: [a manifest");
        watcher.Check();
        Assert.Equal(0, applied);

        // A file the loader reads changes (its size too, whatever the clock's resolution): reloaded, by this
        // check or by the file-system event that may come first.
        await File.WriteAllTextAsync(Path.Combine(manifest, "mesh.yaml"), Mesh + "\n# edit\n");
        watcher.Check();
        Assert.True(applied >= 1, "the edit was not reloaded");
    }

    [Fact]
    public async Task ManifestReload_ThatChangesTheTrustDomain_IsRefused()
    {
        var file = Path.Combine(_dir, "mesh.yaml");
        await File.WriteAllTextAsync(file, Mesh);
        var mesh = ManifestLoader.Load(file).Mesh!;
        var federation = await LocalFederation.StartAsync(mesh, new LocalFederationOptions { TypicalLatency = false, ManifestPath = file }, NullLoggerFactory.Instance);
        await using var _ = new TestFederationView(federation);
        var gateway = federation.Gateways["a"];

        await File.WriteAllTextAsync(file, Mesh.Replace("trustDomain: t.example", "trustDomain: other.example", StringComparison.Ordinal));
        await WaitUntil(() => gateway.State.Plan.Mesh.TrustDomain != "t.example", TimeSpan.FromSeconds(5));

        Assert.Equal("t.example", gateway.State.Plan.Mesh.TrustDomain);
        Assert.Equal(0, gateway.State.Reloads);
    }

    [Fact]
    public void ApplyManifest_ChangedTrustDomain_IsRefusedWithAClearMessage()
    {
        var mesh = ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!;
        var folder = new TrustFolder(Path.Combine(_dir, "trust"));
        TrustIssuer.Init(mesh, folder, DateTimeOffset.UtcNow);
        TrustIssuer.Issue(mesh, folder, "a", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        using var trust = new TrustReloader(TrustMaterial.Load(folder.GatewayFolder("a")), NullLogger.Instance);
        var settings = new GatewaySettings { Site = "a" };
        var state = new GatewayState(GatewayPlan.Build(mesh, settings, trust.Generation));
        using var jwks = new HttpClient();
        var reloads = new GatewayReloads(state, settings, trust, new JwksCache(jwks, NullLogger.Instance), NullLogger.Instance);

        var refusal = reloads.ApplyManifest(mesh with { TrustDomain = "other.example" });

        Assert.Contains("trustDomain changed from 't.example' to 'other.example'", refusal, StringComparison.Ordinal);
        Assert.Same(mesh, state.Plan.Mesh);
        Assert.Equal(0, state.Reloads);
    }

    [Fact]
    public async Task ManifestAndTrustReloads_Racing_TheLastManifestWins()
    {
        var mesh = ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!;
        var folder = new TrustFolder(Path.Combine(_dir, "trust"));
        TrustIssuer.Init(mesh, folder, DateTimeOffset.UtcNow);
        TrustIssuer.Issue(mesh, folder, "a", TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        using var trust = new TrustReloader(TrustMaterial.Load(folder.GatewayFolder("a")), NullLogger.Instance);
        var settings = new GatewaySettings { Site = "a" };
        var state = new GatewayState(GatewayPlan.Build(mesh, settings, trust.Generation));
        var reloads = new GatewayReloads(state, settings, trust, new JwksCache(new HttpClient(), NullLogger.Instance), NullLogger.Instance);

        FederatedMesh last = mesh;
        var manifests = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                last = mesh with { Name = $"t{i}" };
                Assert.Null(reloads.ApplyManifest(last));
            }
        });
        var rotations = Task.Run(() =>
        {
            while (!manifests.IsCompleted)
                reloads.ApplyTrust();
        });
        await Task.WhenAll(manifests, rotations);
        reloads.ApplyTrust();

        Assert.Same(last, state.Plan.Mesh);
    }
}
