using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Tests;
using MeshFed.Adapters.Aws.Tests.Lattice;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Control;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// meshfed plan/apply for a site moving from App Mesh to VPC Lattice (docs/migration.md), end to end against the stateful
/// loopback App Mesh and Lattice: both sides in one plan, the weighted shift on both, apply's order, ownership, resume.
/// </summary>
public sealed class MigrationPlanApplyCommandTests : IDisposable
{
    private const string Vpc = "vpc-0123456789abcdef0";
    private readonly InMemoryAppMesh _appMesh = new();
    private readonly InMemoryLattice _lattice = new();
    private readonly string _manifest = Directory.CreateTempSubdirectory("meshfed-migration-").FullName;

    static MigrationPlanApplyCommandTests()
    {
        // The standard credential chain reads these first; instance metadata (a non-loopback address) is never asked.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public MigrationPlanApplyCommandTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples/shop-lattice"), "*.yaml"))
            File.Copy(file, Path.Combine(_manifest, Path.GetFileName(file)));
    }

    public void Dispose()
    {
        _appMesh.Dispose();
        _lattice.Dispose();
        Directory.Delete(_manifest, recursive: true);
    }

    [Fact]
    public void Plan_DuringTheShift_ShowsBothSidesLabelled_AndApplySplitsLatticeTowardsAppMesh()
    {
        StartOnAppMesh();
        OnLattice("migration: { from: appmesh, latticeWeight: 10 }");
        var writesBefore = _lattice.Writes + _appMesh.Writes;

        var (planCode, planOut, planErr) = Run("plan");
        Assert.True(planCode == ExitCodes.Success, planErr);
        var text = planOut.ReplaceLineEndings("\n");
        Assert.Contains($"plan for site aws-use1, VPC Lattice side, at {_lattice.Server.Endpoint}:\n", text);
        Assert.Contains($"plan for site aws-use1, App Mesh side, at {_appMesh.Server.Endpoint}:\n", text);
        Assert.Contains("  + create TargetGroup checkout-shop-appmesh-ingress-http1", text);
        Assert.Contains("App Mesh side: kept: Lattice hands App Mesh 90% of what reaches it", text);
        Assert.DoesNotContain("- delete", text); // App Mesh still serves: nothing of it goes
        Assert.Equal(writesBefore, _lattice.Writes + _appMesh.Writes); // plan changes nothing

        var (applyCode, applyOut, applyErr) = Run("apply");
        Assert.True(applyCode == ExitCodes.Success, applyErr);
        Assert.Contains("0 deleted", applyOut);
        Assert.DoesNotContain(_appMesh.Server.Requests, r => r.Method == "DELETE");

        // Lattice: the canary (v1 90 / v2 elsewhere 10) keeps its proportions within 10%; App Mesh's ingress gets 90.
        var appMeshGroup = Id(Name(n => n.StartsWith("checkout-shop-appmesh-ingress-http1-", StringComparison.Ordinal)));
        Assert.Equal(
            [(Id(VersionGroup("v1")), 9), (Id(GatewayGroup()), 1), (appMeshGroup, 90)],
            Forward(Rule("canary") ?? Listener("http-8080")["defaultAction"]!));
        // Other sites' pinned requests are split the same way; the pin travels on to App Mesh's routes.
        Assert.Equal([(Id(VersionGroup("v1")), 10), (appMeshGroup, 90)], Forward(Rule("meshfed-pinned-v1")!["action"]!));
        var ingressGroup = _lattice.Items.Values.Single(i => (string?)i["id"] == appMeshGroup);
        Assert.Equal(15181, (int)ingressGroup["config"]!["port"]!);

        // Both sides now match the manifest: App Mesh keeps its ingress route for checkout's host (AppMeshSideTests).
        var (againCode, againOut, _) = Run("plan");
        Assert.Equal(ExitCodes.Success, againCode);
        Assert.Contains("no changes: VPC Lattice matches the manifest", againOut);
        Assert.Contains("no changes: App Mesh matches the manifest", againOut);
    }

    [Fact]
    public void Plan_Json_HasBothSides()
    {
        StartOnAppMesh();
        OnLattice("migration: { from: appmesh, latticeWeight: 50 }");

        var (code, stdout, stderr) = Run("plan", "-o", "json");

        Assert.True(code == ExitCodes.Success, stderr);
        using var plan = JsonDocument.Parse(stdout);
        Assert.Equal("aws-use1", plan.RootElement.GetProperty("site").GetString());
        Assert.True(plan.RootElement.GetProperty("vpcLattice").GetProperty("create").GetInt32() > 0);
        Assert.Equal(0, plan.RootElement.GetProperty("appMesh").GetProperty("delete").GetInt32());
        Assert.Contains("50%", plan.RootElement.GetProperty("appMeshNote").GetString());
    }

    [Fact]
    public void FinishMigration_WhileAppMeshStillServesAShare_IsRefusedBeforeAnyCall()
    {
        OnLattice("migration: { from: appmesh, latticeWeight: 90 }");

        var (code, _, stderr) = Run("apply", "--finish-migration");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("while Lattice still hands it 10% of the requests", stderr);
        Assert.Contains("set latticeWeight: 100", stderr);
        Assert.Empty(_lattice.Server.Requests);
        Assert.Empty(_appMesh.Server.Requests);
    }

    [Fact]
    public void AtFullWeight_AppMeshIsKeptUntilAsked_ThenDeletedAfterLattice_ForeignUntouched_AndResumesAfterAFailure()
    {
        StartOnAppMesh();
        _appMesh.AddForeign("/v20190125/meshes/shop/virtualNodes", "virtualNodeName", "legacy-billing", new JsonObject());
        OnLattice("migration: { from: appmesh, latticeWeight: 100 }");

        var (planCode, planOut, _) = Run("plan");
        Assert.Equal(ExitCodes.Success, planCode);
        Assert.Contains("App Mesh side: kept: latticeWeight is 100", planOut);
        Assert.DoesNotContain("- delete", planOut);

        // Finishing: the plan shows the App Mesh deletes (owned only; the mesh stays, it holds legacy-billing).
        var (finishCode, finishOut, finishErr) = Run("plan", "--finish-migration");
        Assert.True(finishCode == ExitCodes.Success, finishErr);
        Assert.Contains("- delete VirtualNode checkout-shop-v1", finishOut);
        Assert.DoesNotContain("legacy-billing", finishOut);
        Assert.DoesNotContain("- delete Mesh shop", finishOut);
        Assert.Contains("mesh 'shop' is kept: it holds 1 resource(s) this site does not own", finishOut);

        // Lattice fails part-way: App Mesh has not been touched (its deletes come last).
        _lattice.FailWrites(successfulWrites: 4, failures: 3);
        var (failedCode, _, failedErr) = Run("apply", "--finish-migration");
        Assert.Equal(ExitCodes.RemoteFailed, failedCode);
        Assert.Contains("run apply again", failedErr);
        Assert.DoesNotContain(_appMesh.Server.Requests, r => r.Method == "DELETE");

        var (resumedCode, resumedOut, resumedErr) = Run("apply", "--finish-migration");
        Assert.True(resumedCode == ExitCodes.Success, resumedErr);
        Assert.DoesNotContain("0 deleted", resumedOut);
        var deleted = _appMesh.Server.Requests.Where(r => r.Method == "DELETE").Select(r => r.Path).ToList();
        Assert.NotEmpty(deleted);
        Assert.DoesNotContain(deleted, p => p.EndsWith("/legacy-billing", StringComparison.Ordinal));
        Assert.DoesNotContain("/v20190125/meshes/shop", deleted);

        var (doneCode, doneOut, _) = Run("plan", "--finish-migration");
        Assert.Equal(ExitCodes.Success, doneCode);
        Assert.Contains("no changes: App Mesh matches the manifest", doneOut);
        Assert.Contains("no changes: VPC Lattice matches the manifest", doneOut);
    }

    [Fact]
    public void AForeignAppMeshUnderAWantedName_IsAConflict_AndApplyChangesNeitherSide()
    {
        // Someone else's mesh of the same name, untagged: meshfed neither adopts nor changes it, nor starts on Lattice.
        _appMesh.AddForeign("/v20190125/meshes", "meshName", "shop", new JsonObject());
        OnLattice("migration: { from: appmesh, latticeWeight: 10 }");

        var (planCode, planOut, _) = Run("plan");
        var (applyCode, _, applyErr) = Run("apply");

        Assert.Equal(ExitCodes.InvalidInput, planCode);
        Assert.Contains("! conflict Mesh shop", planOut);
        Assert.Equal(ExitCodes.InvalidInput, applyCode);
        Assert.Contains("nothing was changed on either side", applyErr);
        Assert.Equal(0, _lattice.Writes + _appMesh.Writes);
    }

    [Fact]
    public void ALatticeSiteWithoutMigration_DoesNotCallAppMesh()
    {
        StartOnAppMesh();
        var before = _appMesh.Server.Requests.Count;
        OnLattice(migration: null);

        var (code, stdout, _) = Run("plan");

        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("App Mesh side", stdout);
        Assert.Equal(before, _appMesh.Server.Requests.Count);
    }

    [Fact]
    public void FinishMigration_OnAnAppMeshSite_IsAUsageError()
    {
        SetSite("mesh: appmesh", migration: null);

        var (code, _, stderr) = CliRunner.Run("plan", _manifest, "--endpoint-url", _appMesh.Server.Endpoint.ToString(), "--finish-migration");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("this site still runs mesh: appmesh", stderr);
        Assert.Empty(_appMesh.Server.Requests);
    }

    [Fact]
    public async Task AMigratingSession_ClosesBothSidesClients_WhenDisposed()
    {
        // The Lattice session owns the App Mesh side it read, and that side owns the HttpClient it made (the App Mesh
        // client only borrows it): disposing the session closes both, so a disposed session cannot write to either.
        OnLattice("migration: { from: appmesh, latticeWeight: 10 }");
        var request = new AppMeshSiteRequest
        {
            Path = _manifest,
            EndpointUrl = _lattice.Server.Endpoint.ToString(),
            Lattice = new LatticeApplyInputs { VpcId = Vpc, CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd" },
            Migration = new MigrationOptions { AppMeshEndpointUrl = _appMesh.Server.Endpoint.ToString() },
        };
        var (opened, code) = await SiteSessions.OpenAndReportAsync(request, new CliOutput(TextWriter.Null, TextWriter.Null), CancellationToken.None);
        Assert.Equal(ExitCodes.Success, code);
        var session = Assert.IsType<LatticeSiteSession>(opened);
        var side = Assert.IsType<AppMeshSideSession>(session.AppMesh);
        Assert.NotEmpty(side.Plan.Upserts); // apply would write App Mesh first

        session.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => AppMeshStateReader.ReadAsync(side.Client, "shop"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ApplyAsync(CancellationToken.None));
        Assert.Equal(0, _lattice.Writes + _appMesh.Writes);
    }

    /// <summary>The site as it was before the move: on App Mesh, applied.</summary>
    private void StartOnAppMesh()
    {
        SetSite("mesh: appmesh", migration: null);
        var (code, _, stderr) = CliRunner.Run("apply", _manifest, "--endpoint-url", _appMesh.Server.Endpoint.ToString());
        Assert.True(code == ExitCodes.Success, stderr);
    }

    private void OnLattice(string? migration) => SetSite("mesh: vpc-lattice", migration);

    private void SetSite(string mesh, string? migration)
    {
        var path = Path.Combine(_manifest, "mesh.yaml");
        var text = File.ReadAllText(RepoPaths.Of("examples/shop-lattice/mesh.yaml"))
            .Replace("      mesh: vpc-lattice\n", $"      {mesh}\n" + (migration is null ? "" : $"      {migration}\n"), StringComparison.Ordinal);
        File.WriteAllText(path, text);
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string command, params string[] more) =>
        CliRunner.Run([command, _manifest, "--endpoint-url", _lattice.Server.Endpoint.ToString(), "--appmesh-endpoint-url", _appMesh.Server.Endpoint.ToString(),
            "--vpc-id", Vpc, "--certificate-arn", "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd", .. more]);

    private string Id(string targetGroupName) =>
        (string)_lattice.Items.Values.Single(i => (string?)i["name"] == targetGroupName && i["config"] is not null)["id"]!;

    private string VersionGroup(string version) => Name(n => n.StartsWith($"checkout-shop-{version}-8080-", StringComparison.Ordinal));

    private string GatewayGroup() => Name(n => n.StartsWith("checkout-shop-meshfed-gateway-http1", StringComparison.Ordinal));

    private string Name(Func<string, bool> which) =>
        _lattice.Items.Values.Where(i => i["config"] is not null).Select(i => (string?)i["name"]).OfType<string>().Single(which);

    /// <summary>checkout's items under its Lattice service (listeners, rules), by path: other services have listeners of the same names.</summary>
    private IEnumerable<KeyValuePair<string, JsonObject>> UnderCheckout()
    {
        var service = _lattice.Items.Single(i => i.Key.StartsWith("/services/", StringComparison.Ordinal) && i.Key.Count(c => c == '/') == 2
            && ((string?)i.Value["name"])?.StartsWith("checkout-shop-", StringComparison.Ordinal) == true);
        return _lattice.Items.Where(i => i.Key.StartsWith(service.Key + "/listeners/", StringComparison.Ordinal));
    }

    private JsonObject? Rule(string name) => UnderCheckout().SingleOrDefault(i => i.Key.Contains("/rules/", StringComparison.Ordinal) && (string?)i.Value["name"] == name).Value;

    private JsonObject Listener(string name) => UnderCheckout().Single(i => !i.Key.Contains("/rules/", StringComparison.Ordinal) && (string?)i.Value["name"] == name).Value;

    private static List<(string, int)> Forward(JsonNode action) =>
        [.. action["forward"]!["targetGroups"]!.AsArray().Select(t => ((string)t!["targetGroupIdentifier"]!, (int)t["weight"]!))];
}
