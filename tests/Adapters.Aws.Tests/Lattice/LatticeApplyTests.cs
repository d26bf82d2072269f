using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Client;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// plan/apply against a stateful loopback VPC Lattice: convergence with placeholders resolved from earlier creates,
/// idempotence, throttling and 5xx retried, resume after a failure, field-level drift, deletes in reverse order,
/// conflicts refused before any write.
/// </summary>
public sealed class LatticeApplyTests : IDisposable
{
    private static readonly LatticeApplyInputs s_inputs = new() { VpcId = "vpc-0123456789abcdef0", CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc" };
    private readonly InMemoryLattice _lattice = new();
    private readonly IReadOnlyList<LatticeDesired> _desired = Desired(Shop());

    public void Dispose() => _lattice.Dispose();

    [Fact]
    public async Task Apply_OnAnEmptyAccount_CreatesEverythingInOrderAndConverges()
    {
        var client = _lattice.Client();

        var plan = await PlanAsync(client, _desired);
        var result = await LatticeApplier.ApplyAsync(client, plan);

        Assert.All(plan.Actions, a => Assert.Equal(PlanActionKind.Create, a.Action));
        Assert.Equal(_desired.Count, result.Created);
        Assert.Equal(LatticeResourceKind.ServiceNetwork, plan.Actions[0].Kind);
        Assert.Empty((await PlanAsync(client, _desired)).Actions);
        // Every placeholder became the id Lattice returned: the listeners forward to target groups that exist.
        var listeners = _lattice.Items.Where(i => i.Key.Contains("/listeners/", StringComparison.Ordinal) && !i.Key.Contains("/rules/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(listeners);
        Assert.DoesNotContain(_lattice.Items.Values, i => i.ToJsonString().Contains("{{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondApply_MakesZeroWriteCalls()
    {
        var client = _lattice.Client();
        await ApplyAsync(client, _desired);
        var writes = _lattice.Writes;

        var result = await ApplyAsync(client, _desired);

        Assert.Equal(0, result.Writes);
        Assert.Equal(writes, _lattice.Writes);
    }

    [Fact]
    public async Task Throttling_IsRetriedWithBackoff_AndApplyConverges()
    {
        var client = _lattice.Client();
        _lattice.FailWrites(successfulWrites: 2, failures: 2, status: 429, code: "ThrottlingException");

        await ApplyAsync(client, _desired);

        Assert.Equal(2, client.Retries);
        Assert.Empty((await PlanAsync(client, _desired)).Actions);
        Assert.Equal(_desired.Count, _lattice.Items.Count + _desired.Count(d => d.Kind is LatticeResourceKind.AuthPolicy or LatticeResourceKind.Targets));
    }

    [Fact]
    public async Task FailureHalfWay_ThenReapply_ResumesWithoutDuplicates()
    {
        var client = _lattice.Client();
        _lattice.FailWrites(successfulWrites: 6, failures: 3, status: 503, code: "InternalServerException"); // more than one call's three attempts

        var failure = await Assert.ThrowsAsync<LatticeException>(() => ApplyAsync(client, _desired));
        Assert.Equal("InternalServerException", failure.Code);
        var afterFailure = _lattice.Items.Count;
        Assert.InRange(afterFailure, 1, _desired.Count - 1);

        var plan = await PlanAsync(client, _desired);
        Assert.All(plan.Actions, a => Assert.Equal(PlanActionKind.Create, a.Action));
        Assert.Equal(_desired.Count - 6, plan.Actions.Count);
        await LatticeApplier.ApplyAsync(client, plan);

        Assert.Empty((await PlanAsync(client, _desired)).Actions);
        using var clean = new InMemoryLattice();
        await ApplyAsync(clean.Client(), _desired);
        Assert.Equal(clean.Items.Count, _lattice.Items.Count);
    }

    [Fact]
    public async Task Drift_IsShownPerField_AndUpdatedInPlace()
    {
        var client = _lattice.Client();
        await ApplyAsync(client, _desired);
        _lattice.Edit(i => (string?)i["name"] == "testers", rule => rule["priority"] = 42);
        _lattice.Edit(i => (string?)i["name"] == "checkout-shop-meshfed-gateway-http1-71f20320", group => group["config"]!["healthCheck"]!["path"] = "/");

        var plan = await PlanAsync(client, _desired);

        var rule = Assert.Single(plan.Actions, a => a.Kind == LatticeResourceKind.Rule);
        Assert.Equal(PlanActionKind.Update, rule.Action);
        Assert.Equal(["priority: 42 → 2"], rule.Differences);
        var group = Assert.Single(plan.Actions, a => a.Kind == LatticeResourceKind.TargetGroup);
        Assert.Equal(["config.healthCheck.path: \"/\" → \"/healthz\""], group.Differences);
        var result = await LatticeApplier.ApplyAsync(client, plan);
        Assert.Equal(2, result.Updated);
        Assert.Empty((await PlanAsync(client, _desired)).Actions);
    }

    [Fact]
    public async Task ChangedManifest_CreatesTheNew_DeletesWhatIsGoneInReverseOrder()
    {
        var client = _lattice.Client();
        await ApplyAsync(client, _desired);
        var changed = Desired(Shop(text => text.Replace("- name: testers", "- name: testers-v2")));

        var plan = await PlanAsync(client, changed);

        Assert.Contains(plan.Actions, a => a is { Action: PlanActionKind.Create, Kind: LatticeResourceKind.Rule, Name: "testers-v2" });
        Assert.Contains(plan.Actions, a => a is { Action: PlanActionKind.Delete, Kind: LatticeResourceKind.Rule, Name: "testers" });
        var actions = plan.Actions.ToList();
        Assert.True(actions.FindIndex(a => a.Action == PlanActionKind.Delete) > actions.FindLastIndex(a => a.Action != PlanActionKind.Delete));
        await LatticeApplier.ApplyAsync(client, plan);
        Assert.Empty((await PlanAsync(client, changed)).Actions);
    }

    [Fact]
    public async Task RemovedService_IsDeletedWithItsChildren_AfterItsAssociation()
    {
        var client = _lattice.Client();
        await ApplyAsync(client, _desired);
        var service = _desired.First(d => d.Kind == LatticeResourceKind.Service).Name;
        var without = _desired.Where(d => d.Name != service && d.Parent != service && !(d.Parent ?? "").StartsWith(service + "/", StringComparison.Ordinal)).ToList();

        var plan = await PlanAsync(client, without);

        var deletes = plan.Actions.Where(a => a.Action == PlanActionKind.Delete).Select(a => a.Kind).ToList();
        Assert.Equal(LatticeResourceKind.ServiceNetworkServiceAssociation, deletes[0]);
        Assert.Contains(LatticeResourceKind.Service, deletes);
        Assert.DoesNotContain(LatticeResourceKind.Listener, deletes); // they go with the service
        await LatticeApplier.ApplyAsync(client, plan);
        Assert.Empty((await PlanAsync(client, without)).Actions);
    }

    [Fact]
    public async Task ForeignResourceUnderAWantedName_IsAConflict_RefusedBeforeAnyWrite()
    {
        var service = _desired.First(d => d.Kind == LatticeResourceKind.Service);
        _lattice.AddForeign("/services", new JsonObject { ["name"] = service.Name, ["authType"] = "NONE" });
        _lattice.AddForeign("/targetgroups", new JsonObject { ["name"] = "legacy-billing", ["type"] = "IP" }); // another name: not ours, not in the plan
        var client = _lattice.Client();

        var plan = await PlanAsync(client, _desired);

        var conflict = Assert.Single(plan.Actions, a => a.Action == PlanActionKind.Conflict);
        Assert.Equal(service.Name, conflict.Name);
        Assert.Contains("not tagged", conflict.Differences[0]);
        Assert.DoesNotContain(plan.Actions, a => a.Name == "legacy-billing");
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => LatticeApplier.ApplyAsync(client, plan));
        Assert.Contains("nothing was changed", refusal.Message);
        Assert.Equal(0, _lattice.Writes);
    }

    [Fact]
    public async Task VpcAssociatedWithAnotherNetwork_IsAConflict_RefusedBeforeAnyWrite()
    {
        var other = _lattice.AddForeign("/servicenetworks", new JsonObject { ["name"] = "payments", ["authType"] = "NONE" });
        _lattice.AddForeign("/servicenetworkvpcassociations", new JsonObject { ["vpcId"] = s_inputs.VpcId, ["serviceNetworkId"] = other, ["serviceNetworkName"] = "payments" });
        var client = _lattice.Client();

        var plan = await PlanAsync(client, _desired);

        var conflict = Assert.Single(plan.Actions, a => a.Action == PlanActionKind.Conflict);
        Assert.Equal(LatticeResourceKind.ServiceNetworkVpcAssociation, conflict.Kind);
        Assert.Contains("associated with service network payments", conflict.Differences[0]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => LatticeApplier.ApplyAsync(client, plan));
        Assert.Equal(0, _lattice.Writes);
    }

    [Fact]
    public async Task ChangeLatticeCannotMakeInPlace_IsRefusedWithTheField()
    {
        var client = _lattice.Client();
        await ApplyAsync(client, _desired);
        var writes = _lattice.Writes;
        var name = _desired.First(d => d.Kind == LatticeResourceKind.Service).Name;
        _lattice.Edit(i => (string?)i["name"] == name && i.ContainsKey("customDomainName"), service => service["customDomainName"] = "old.example");

        var plan = await PlanAsync(client, _desired);

        var conflict = Assert.Single(plan.Actions);
        Assert.Equal(PlanActionKind.Conflict, conflict.Action);
        Assert.StartsWith("customDomainName: \"old.example\" → ", conflict.Differences[0]);
        Assert.Contains("cannot change in place", conflict.Differences[0]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => LatticeApplier.ApplyAsync(client, plan));
        Assert.Equal(writes, _lattice.Writes);
    }

    [Fact]
    public void MissingInput_IsNamedWithTheOptionToGive()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LatticeDesired.From(LatticeTranslator.Translate(Shop(), "aws-use1"), new LatticeApplyInputs()));

        Assert.Contains("{{input:vpcId}}", error.Message);
        Assert.Contains("--vpc-id", error.Message);
    }

    private static async Task<LatticePlan> PlanAsync(LatticeClient client, IReadOnlyList<LatticeDesired> desired) =>
        LatticePlanner.Plan(desired, await LatticeStateReader.ReadAsync(client, desired, "shop", "aws-use1"), "shop", "aws-use1");

    private static async Task<ApplyResult> ApplyAsync(LatticeClient client, IReadOnlyList<LatticeDesired> desired) =>
        await LatticeApplier.ApplyAsync(client, await PlanAsync(client, desired));

    private static IReadOnlyList<LatticeDesired> Desired(FederatedMesh mesh) => LatticeDesired.From(LatticeTranslator.Translate(mesh, "aws-use1"), s_inputs);

    private static FederatedMesh Shop(Func<string, string>? edit = null)
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-shop-lattice-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples/shop-lattice")))
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
