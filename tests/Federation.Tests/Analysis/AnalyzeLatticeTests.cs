using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// The Lattice hops (MF731–MF738, and MF701/MF702/MF714/MF715 where a Lattice hop means the same): each rule on
/// this checkout's rendering of examples/shop-lattice (HTTP) or testdata/analyze/lattice-grpc (gRPC), which have
/// no fault, with one rendered document broken the way a stale or hand-edited rendering would be.
/// </summary>
public sealed class AnalyzeLatticeTests
{
    private const string Shop = "examples/shop-lattice";
    private const string Grpc = "tests/Federation.Tests/testdata/analyze/lattice-grpc";

    // checkout v1 runs on the Lattice site aws-use1: served to gcp-euw1 through the gateway, called locally through Lattice.
    private const string ServedOnLattice = "gcp-euw1 → shop/checkout:8080 [canary] v1@aws-use1 (90%)";
    private const string LocalOnLattice = "aws-use1 → shop/checkout:8080 [canary] v1@aws-use1 (90%)";
    private const string FromLattice = "aws-use1 → shop/checkout:8080 [canary] v2@gcp-euw1 (10%)";
    private const string TestersFromLattice = "aws-use1 → shop/checkout:8080 [testers] v2@gcp-euw1 (100%)";

    private static (FederatedMesh Mesh, ManifestLoadResult Loaded) Load(string manifest)
    {
        var loaded = ManifestLoader.Load(RepoPaths.Of(manifest));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return (loaded.Mesh!, loaded);
    }

    private static AnalysisResult Analyze(string manifest, Func<RenderedFederation, RenderedFederation> edit, Func<FederatedMesh, FederatedMesh>? adjust = null)
    {
        var (mesh, loaded) = Load(manifest);
        mesh = adjust?.Invoke(mesh) ?? mesh;
        return FederationAnalyzer.Analyze(mesh, loaded.Sources, edit(RenderedFederation.Render(mesh)), null, GatewayModules.Current);
    }

    private static string Status(AnalysisResult result, string path) =>
        Assert.Single(result.Paths, p => $"{p.Caller} → {p.Service}:{p.Port} [{p.Route}] {p.Version}@{p.Serving} ({p.Weight}%)" == path).Status;

    private static RenderedFederation Edit(RenderedFederation rendering, string site, string file, Action<JsonObject> edit) =>
        F6b0ceaProbe.Edit(rendering, site, file, edit);

    private static RenderedFederation Without(RenderedFederation rendering, string site, string file) =>
        new(rendering.Sites.ToDictionary(s => s.Key, s => s.Key != site ? s.Value
            : s.Value with { Documents = [.. s.Value.Documents.Where(d => !d.File.Contains(file, StringComparison.Ordinal))] }));

    private static RenderedFederation With(RenderedFederation rendering, string site, RenderedDocument added) =>
        new(rendering.Sites.ToDictionary(s => s.Key, s => s.Key != site ? s.Value : s.Value with { Documents = [.. s.Value.Documents, added] }));

    private const string PaymentsFromLattice = "aws-use1 → shop/payments:9090 [default] v3@dc-berlin (100%)";

    [Fact]
    public void NoCallerIdentity_CallerDeclaresItsRoleOnTheLatticeSite_IsNotReported()
    {
        var result = Analyze(Shop, r => r);

        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.NoCallerIdentity);
        Assert.Equal(PathStatus.Ok, Status(result, PaymentsFromLattice));
    }

    [Fact]
    public void NoCallerIdentity_CallerOnTheLatticeSiteWithoutADeclaredRole_IsReported()
    {
        // The attack: without aws.role the caller reaches the gateway as its bare role, which no rule naming checkout admits.
        var result = Analyze(Shop, r => r, mesh => mesh with
        {
            Services = [.. mesh.Services.Select(s => s.Name != "checkout" ? s : s with { Deployments = [.. s.Deployments.Select(d => d with { Aws = null })] })],
        });

        var finding = Assert.Single(result.Findings, f => f.Code == AnalysisCodes.NoCallerIdentity);
        Assert.Equal("aws-use1", finding.Site);
        Assert.Contains("aws.role", finding.Fix);
        Assert.NotEqual(PathStatus.Ok, Status(result, PaymentsFromLattice));
    }

    [Theory]
    [InlineData(Shop)]
    [InlineData(Grpc)]
    public void AsRendered_EveryPathThroughLatticeIsWalkedAndWorks(string manifest)
    {
        var result = Analyze(manifest, r => r);

        Assert.False(result.HasErrors, string.Join("\n", result.Findings));
        Assert.All(result.Paths, p => Assert.Equal(PathStatus.Ok, p.Status));
        var lattice = result.Paths.Where(p => p.Caller.StartsWith("aws", StringComparison.Ordinal) || p.Serving.StartsWith("aws", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lattice);
        Assert.All(lattice, p => Assert.Contains(p.Via, hop => hop.StartsWith("Lattice service ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AsWrittenAndReadBack_TheLatticeFilesAreTheSameRendering()
    {
        var (mesh, loaded) = Load(Shop);
        var folder = Directory.CreateTempSubdirectory("meshfed-analyze-lattice-").FullName;
        try
        {
            RenderedFederation.Render(mesh).WriteTo(folder);
            Assert.True(File.Exists(Path.Combine(folder, "aws-use1", "api", "005-create-service-checkout-shop-1dfc2ea5.json")));

            var result = FederationAnalyzer.Analyze(mesh, loaded.Sources, RenderedFederation.ReadFrom(folder), null, GatewayModules.Current);

            Assert.False(result.HasErrors, string.Join("\n", result.Findings));
            Assert.Contains("rule meshfed-pinned-v1 (priority 1)", Assert.Single(result.Paths, p => p.Caller == "gcp-euw1" && p.Serving == "aws-use1" && p.Service == "shop/checkout").Via);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void NotAssociated_ServiceWithoutItsServiceNetworkAssociation_StopsCallersAndTheGateway()
    {
        var result = Analyze(Shop, r => Without(r, "aws-use1", "create-service-network-service-association-checkout"));

        Assert.Equal(AnalysisCodes.LatticeNotAssociated, Status(result, LocalOnLattice));
        Assert.Equal(AnalysisCodes.LatticeNotAssociated, Status(result, FromLattice));
        Assert.Equal(AnalysisCodes.LatticeNotAssociated, Status(result, ServedOnLattice));
        Assert.Equal(PathStatus.Ok, Status(result, "aws-use1 → shop/frontend:80 [default] v1@gcp-euw1 (100%)"));
    }

    [Fact]
    public void NotAssociated_NetworkWithoutItsVpcAssociation_StopsEveryLatticeHop()
    {
        var result = Analyze(Shop, r => Without(r, "aws-use1", "create-service-network-vpc-association"));

        Assert.All(result.Paths.Where(p => p.Caller == "aws-use1" || p.Serving == "aws-use1"), p => Assert.Equal(AnalysisCodes.LatticeNotAssociated, p.Status));
    }

    [Fact]
    public void NameUnresolved_NoLatticeServiceForTheHost_StopsCallersOnTheSite()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "create-service-checkout", body => body["customDomainName"] = "checkout.other.svc.cluster.local"));

        Assert.Equal(AnalysisCodes.NameUnresolved, Status(result, LocalOnLattice));
        Assert.Equal(AnalysisCodes.NameUnresolved, Status(result, ServedOnLattice));
    }

    [Theory]
    [InlineData("aws → core/ledger:9090 [split] v1@aws (50%)")]
    [InlineData("aws → core/ledger:9090 [split] v2@gcp (50%)")]
    [InlineData("gcp → core/ledger:9090 [split] v1@aws (50%)")]
    public void ProtocolMismatch_GrpcThroughAnHttpListener_StopsEveryPath(string path)
    {
        var result = Analyze(Grpc, r => Edit(r, "aws", "create-listener-ledger", body => body["protocol"] = "HTTP"));

        Assert.Equal(AnalysisCodes.LatticeProtocolMismatch, Status(result, path));
        Assert.Contains(result.Findings, f => f.Code == AnalysisCodes.LatticeProtocolMismatch && f.Message.Contains("trailers", StringComparison.Ordinal));
    }

    [Fact]
    public void ProtocolMismatch_GrpcVersionTargetGroupOnHttp1_StopsTheLocalAndTheServedPath()
    {
        var result = Analyze(Grpc, r => Edit(r, "aws", "create-target-group-ledger-core-v1", body => body["config"]!["protocolVersion"] = "HTTP1"));

        Assert.Equal(AnalysisCodes.LatticeProtocolMismatch, Status(result, "aws → core/ledger:9090 [split] v1@aws (50%)"));
        Assert.Equal(AnalysisCodes.LatticeProtocolMismatch, Status(result, "gcp → core/ledger:9090 [split] v1@aws (50%)"));
        Assert.Equal(PathStatus.Ok, Status(result, "aws → core/ledger:9090 [split] v2@gcp (50%)"));
    }

    [Fact]
    public void ProtocolMismatch_GatewayDeliversGrpcOverHttp11_StopsTheServedPath()
    {
        var result = Analyze(Grpc, r => Edit(r, "aws", "gateway-peer-clusters.json", body => body["httpVersion"] = "1.1"));

        Assert.Equal(AnalysisCodes.LatticeProtocolMismatch, Status(result, "gcp → core/ledger:9090 [split] v1@aws (50%)"));
    }

    [Fact]
    public void TargetPort_VersionTargetGroupOnAnotherPort_StopsThePathsToTheVersion()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "create-target-group-checkout-shop-v1-8080", body => body["config"]!["port"] = 8081));

        Assert.Equal(AnalysisCodes.LatticeTargetPort, Status(result, LocalOnLattice));
        Assert.Equal(AnalysisCodes.LatticeTargetPort, Status(result, ServedOnLattice));
        Assert.Equal(PathStatus.Ok, Status(result, FromLattice));
    }

    [Fact]
    public void TargetPort_GatewayTargetGroupNotOnTheModulesLocalPort_StopsTheCallsThatLeaveTheSite()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "terraform.tfvars.json", body => body["gateway"]!["local_port"] = 15280));

        Assert.Equal(AnalysisCodes.LatticeTargetPort, Status(result, FromLattice));
        Assert.Equal(PathStatus.Ok, Status(result, LocalOnLattice));
    }

    [Fact]
    public void TargetPort_GatewayTargetGroupTheModuleDoesNotRegister_StopsTheCallsThatLeaveTheSite()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "terraform.tfvars.json", body =>
        {
            var groups = body["lattice"]!["gateway_target_groups"]!.AsArray();
            groups.Remove(groups.First(g => g!["name"]!.GetValue<string>().StartsWith("checkout-", StringComparison.Ordinal)));
        }));

        Assert.Equal(AnalysisCodes.LatticeTargetPort, Status(result, FromLattice));
        Assert.Equal(PathStatus.Ok, Status(result, "aws-use1 → shop/frontend:80 [default] v1@gcp-euw1 (100%)"));
    }

    [Fact]
    public void AuthDeniesGateway_PolicyAdmitsAnotherGatewaysTag_StopsThePathsServedThere()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "put-auth-policy-checkout", body =>
            body["policy"] = body["policy"]!.GetValue<string>().Replace("shop/aws-use1", "shop/aws-usw2", StringComparison.Ordinal)));

        var finding = Assert.Single(result.Findings, f => f.Code == AnalysisCodes.LatticeAuthDeniesGateway);
        Assert.Contains("meshfed.dev/gateway=shop/aws-use1", finding.Message);
        Assert.Equal(AnalysisCodes.LatticeAuthDeniesGateway, Status(result, ServedOnLattice));
        Assert.Equal(PathStatus.Ok, Status(result, LocalOnLattice));
    }

    [Fact]
    public void AuthDeniesGateway_ServiceWithoutItsAuthPolicy_DeniesEverything()
    {
        var result = Analyze(Shop, r => Without(r, "aws-use1", "put-auth-policy-checkout"));

        Assert.Equal(AnalysisCodes.LatticeAuthDeniesGateway, Status(result, ServedOnLattice));
    }

    [Fact]
    public void AuthDeniesGateway_GatewayDeliversUnsigned_StopsThePathsServedThere()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "gateway-peer-clusters.json", body => body.Remove("latticeService")));

        Assert.Equal(AnalysisCodes.LatticeAuthDeniesGateway, Status(result, ServedOnLattice));
    }

    [Fact]
    public void TcpPort_ServiceVisibleOnTheLatticeSite_IsAnError()
    {
        var result = Analyze(Shop, r => r, mesh => mesh with
        {
            Services = [.. mesh.Services.Select(s => s.Name != "inventory" ? s : s with { Ports = [.. s.Ports, new ServicePort { Port = 5432, Protocol = ServiceProtocol.Tcp }] })],
        });

        var finding = Assert.Single(result.Findings, f => f.Code == AnalysisCodes.LatticeTcpPort);
        Assert.Equal(("aws-use1", "shop/inventory"), (finding.Site, finding.Service));
    }

    [Fact]
    public void Quota_MoreRulesThanAListenerTakes_IsAnError()
    {
        var result = Analyze(Shop, r =>
        {
            var testers = r.Of("aws-use1").Documents.Single(d => d.File.Contains("create-rule-checkout-shop-1dfc2ea5-http-8080-testers", StringComparison.Ordinal));
            for (var i = 0; i < 10; i++)
            {
                var body = testers.Body.Tree()!;
                body["name"] = $"extra-{i}";
                body["priority"] = 3 + i;
                body["match"]!["httpMatch"]!["method"] = $"M{i}";
                r = With(r, "aws-use1", testers with { File = testers.File.Replace("testers", $"extra-{i}", StringComparison.Ordinal), Name = $"extra-{i}", Body = Json.Element(body) });
            }
            return r;
        });

        var finding = Assert.Single(result.Findings, f => f.Code == AnalysisCodes.LatticeQuota);
        Assert.Contains("12 rules", finding.Message);
    }

    [Fact]
    public void RuleShadowed_RouteRuleAheadOfThePinnedRule_SplitsTheGatewaysRequestsAgain()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "create-rule-checkout-shop-1dfc2ea5-http-8080-meshfed-pinned-v1", body => body["priority"] = 5));

        Assert.Equal(AnalysisCodes.LatticeRuleShadowed, Status(result, ServedOnLattice));
    }

    [Fact]
    public void RuleShadowed_EarlierRuleTakesEveryRequestOfTheRoute_RouteNeverTaken()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "create-rule-checkout-shop-1dfc2ea5-http-8080-meshfed-pinned-v1", body =>
            body["match"]!["httpMatch"] = new JsonObject { ["pathMatch"] = new JsonObject { ["match"] = new JsonObject { ["prefix"] = "/" }, ["caseSensitive"] = true } }));

        Assert.Equal(AnalysisCodes.LatticeRuleShadowed, Status(result, TestersFromLattice));
    }

    [Fact]
    public void TargetNotRendered_RuleOfARouteMissing_StopsThatRoutesPaths()
    {
        var result = Analyze(Shop, r => Without(r, "aws-use1", "create-rule-checkout-shop-1dfc2ea5-http-8080-testers"));

        Assert.Equal(AnalysisCodes.TargetNotRendered, Status(result, TestersFromLattice));
        Assert.Equal(PathStatus.Ok, Status(result, FromLattice));
    }

    [Fact]
    public void InputInvalid_AListenerProtocolTheApiDoesNotKnow_IsAnError()
    {
        var result = Analyze(Shop, r => Edit(r, "aws-use1", "create-listener-checkout", body => body["protocol"] = "TCP"));

        var finding = Assert.Single(result.Findings, f => f.Code == AnalysisCodes.LatticeInputInvalid);
        Assert.Contains("create-listener-checkout", finding.File);
        Assert.Equal(AnalysisCodes.PortMissing, Status(result, LocalOnLattice));
    }
}
