using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>plan/apply against a stateful loopback App Mesh: convergence, idempotence, recovery, ownership.</summary>
public sealed class AppMeshApplyTests : IDisposable
{
    private readonly InMemoryAppMesh _appMesh = new();
    private readonly AppMeshRendering _rendering = AppMeshTranslator.Translate(Shop(), "aws-use1");

    public void Dispose() => _appMesh.Dispose();

    [Fact]
    public async Task Apply_OnAnEmptyAccount_CreatesEverythingAndConverges()
    {
        var client = _appMesh.Client();

        var plan = AppMeshPlanner.Plan(_rendering, await AppMeshStateReader.ReadAsync(client, "shop"));
        var result = await AppMeshApplier.ApplyAsync(client, "shop", plan);

        Assert.All(plan, a => Assert.Equal(PlanActionKind.Create, a.Action));
        Assert.Equal(_rendering.Resources.Count, result.Created);
        Assert.Equal([AppMeshResourceKind.Mesh], plan.Take(1).Select(a => a.Kind));
        Assert.Empty(AppMeshPlanner.Plan(_rendering, await AppMeshStateReader.ReadAsync(client, "shop")));
    }

    [Fact]
    public async Task SecondApply_MakesZeroWriteCalls()
    {
        var client = _appMesh.Client();
        await ApplyAsync(client, _rendering);
        var writes = _appMesh.Writes;

        var result = await ApplyAsync(client, _rendering);

        Assert.Equal(0, result.Writes);
        Assert.Equal(writes, _appMesh.Writes);
    }

    [Fact]
    public async Task FailureHalfWay_ThenReapply_Converges()
    {
        var client = _appMesh.Client();
        _appMesh.FailWrites(successfulWrites: 5, failures: 3); // more than one call's three attempts

        await Assert.ThrowsAsync<AppMeshException>(() => ApplyAsync(client, _rendering));
        var afterFailure = await AppMeshStateReader.ReadAsync(client, "shop");
        Assert.InRange(afterFailure.Count, 1, _rendering.Resources.Count - 1);

        await ApplyAsync(client, _rendering);

        Assert.Empty(AppMeshPlanner.Plan(_rendering, await AppMeshStateReader.ReadAsync(client, "shop")));
    }

    [Fact]
    public async Task ChangedManifest_UpdatesWithFieldDifferencesAndDeletesWhatIsGone()
    {
        var client = _appMesh.Client();
        await ApplyAsync(client, _rendering);
        var changed = Shop(text => text.Replace("timeout: 10s", "timeout: 12s").Replace("routes:\n          - name: testers", "routes:\n          - name: testers-v2"));

        var plan = AppMeshPlanner.Plan(AppMeshTranslator.Translate(changed, "aws-use1"), await AppMeshStateReader.ReadAsync(client, "shop"));

        var update = Assert.Single(plan, a => a.Action == PlanActionKind.Update);
        Assert.Equal("canary", update.Name);
        Assert.Contains("spec.httpRoute.timeout.perRequest.value: 10 → 12", update.Differences);
        Assert.Contains(plan, a => a is { Action: PlanActionKind.Create, Name: "testers-v2" });
        Assert.Contains(plan, a => a is { Action: PlanActionKind.Delete, Name: "testers" });
        Assert.True(plan.ToList().FindIndex(a => a.Action == PlanActionKind.Delete) > plan.ToList().FindLastIndex(a => a.Action != PlanActionKind.Delete));
    }

    [Fact]
    public async Task ForeignResources_AreNeverTouched()
    {
        var client = _appMesh.Client();
        await ApplyAsync(client, _rendering);
        _appMesh.AddForeign("/v20190125/meshes/shop/virtualNodes", "virtualNodeName", "legacy-billing", new JsonObject());
        Assert.Empty(AppMeshPlanner.Plan(_rendering, await AppMeshStateReader.ReadAsync(client, "shop")));

        using var other = new InMemoryAppMesh();
        other.AddForeign("/v20190125/meshes", "meshName", "shop", new JsonObject());
        other.AddForeign("/v20190125/meshes/shop/virtualNodes", "virtualNodeName", "checkout-shop-v1", new JsonObject());
        var otherClient = other.Client();
        var plan = AppMeshPlanner.Plan(_rendering, await AppMeshStateReader.ReadAsync(otherClient, "shop"));

        Assert.Contains(plan, a => a is { Action: PlanActionKind.Conflict, Name: "checkout-shop-v1" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => AppMeshApplier.ApplyAsync(otherClient, "shop", plan));
        Assert.Equal(0, other.Writes);
    }

    private static async Task<ApplyResult> ApplyAsync(AppMeshClient client, AppMeshRendering rendering) =>
        await AppMeshApplier.ApplyAsync(client, rendering.MeshName, AppMeshPlanner.Plan(rendering, await AppMeshStateReader.ReadAsync(client, rendering.MeshName)));

    private static FederatedMesh Shop(Func<string, string>? edit = null)
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-shop-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples/shop")))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(dir, Path.GetFileName(file)), edit is null ? text : edit(text));
        }
        var result = ManifestLoader.Load(dir);
        Directory.Delete(dir, recursive: true);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Mesh!;
    }
}
