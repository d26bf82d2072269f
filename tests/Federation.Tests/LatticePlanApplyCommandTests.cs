using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Tests.Lattice;
using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>meshfed plan/apply for a <c>mesh: vpc-lattice</c> site end to end, against a stateful VPC Lattice on loopback via --endpoint-url.</summary>
public sealed class LatticePlanApplyCommandTests : IDisposable
{
    private const string Vpc = "vpc-0123456789abcdef0";

    // payments (gRPC) has an HTTPS listener on aws-use1, whose custom domain needs an ACM certificate.
    private const string Certificate = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd";
    private readonly InMemoryLattice _lattice = new();
    private readonly string _shop = RepoPaths.Of("examples/shop-lattice");

    static LatticePlanApplyCommandTests()
    {
        // The standard credential chain reads these first; instance metadata (a non-loopback address) is never asked.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public void Dispose() => _lattice.Dispose();

    [Fact]
    public void PlanApplyReapply_ConvergesAndTheSecondApplyWritesNothing()
    {
        var endpoint = _lattice.Server.Endpoint.ToString();

        var (planCode, planOut, planErr) = CliRunner.Run("plan", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate);
        Assert.True(planCode == ExitCodes.Success, planErr);
        Assert.StartsWith($"plan for site aws-use1 at {endpoint}:", planOut);
        Assert.Contains("  + create ServiceNetwork shop\n", planOut.ReplaceLineEndings("\n"));
        Assert.Contains($"  + create ServiceNetworkVpcAssociation shop/{Vpc}\n", planOut.ReplaceLineEndings("\n"));
        Assert.Contains("  + create Rule checkout-shop-1dfc2ea5/http-8080/testers\n", planOut.ReplaceLineEndings("\n"));
        Assert.Contains("25 to create, 0 to update, 0 to delete, 0 conflict(s)", planOut);
        Assert.Equal(0, _lattice.Writes); // plan changes nothing

        var (applyCode, applyOut, applyErr) = CliRunner.Run("apply", _shop, "--site", "aws-use1", "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate);
        Assert.True(applyCode == ExitCodes.Success, applyErr);
        Assert.Contains("applied: 25 created, 0 updated, 0 deleted", applyOut);

        var writes = _lattice.Writes;
        var (againCode, againOut, _) = CliRunner.Run("apply", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate);
        Assert.Equal(ExitCodes.Success, againCode);
        Assert.Contains("no changes: VPC Lattice matches the manifest", againOut);
        Assert.Contains("(0 write calls", againOut);
        Assert.Equal(writes, _lattice.Writes);
    }

    [Fact]
    public void Plan_ShowsDriftPerField()
    {
        var endpoint = _lattice.Server.Endpoint.ToString();
        Assert.Equal(ExitCodes.Success, CliRunner.Run("apply", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate).ExitCode);
        _lattice.Edit(i => (string?)i["name"] == "testers", rule => rule["match"]!["httpMatch"]!["pathMatch"]!["match"]!["prefix"] = "/v1/api");

        var (code, stdout, _) = CliRunner.Run("plan", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("""
              ~ update Rule checkout-shop-1dfc2ea5/http-8080/testers
                  match.httpMatch.pathMatch.match.prefix: "/v1/api" → "/api"
            0 to create, 1 to update, 0 to delete, 0 conflict(s)
            """.ReplaceLineEndings("\n"), stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Conflict_IsPlannedAndApplyRefusesWithNoWrite()
    {
        _lattice.AddForeign("/servicenetworks", new JsonObject { ["name"] = "shop", ["authType"] = "AWS_IAM" }, new Dictionary<string, string> { ["team"] = "payments" });
        var endpoint = _lattice.Server.Endpoint.ToString();

        var (planCode, planOut, _) = CliRunner.Run("plan", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate, "-o", "json");
        var (applyCode, _, applyErr) = CliRunner.Run("apply", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate);

        Assert.Equal(ExitCodes.InvalidInput, planCode);
        using var plan = JsonDocument.Parse(planOut);
        Assert.Equal(1, plan.RootElement.GetProperty("conflicts").GetInt32());
        var conflict = plan.RootElement.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "conflict");
        Assert.Equal("ServiceNetwork", conflict.GetProperty("kind").GetString());
        Assert.Equal(ExitCodes.InvalidInput, applyCode);
        Assert.Contains("nothing was changed", applyErr);
        Assert.Equal(0, _lattice.Writes);
    }

    [Fact]
    public void Apply_WhenTheEndpointKeepsFailing_StopsAndSaysHowToContinue_ThenResumes()
    {
        var endpoint = _lattice.Server.Endpoint.ToString();
        _lattice.FailWrites(successfulWrites: 4, failures: 3, status: 500, code: "InternalServerException");

        var (code, _, stderr) = CliRunner.Run("apply", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate);

        Assert.Equal(ExitCodes.RemoteFailed, code); // the cloud failed, not the input
        Assert.Contains("apply stopped: VPC Lattice InternalServerException (500)", stderr);
        Assert.Contains("run apply again", stderr);
        var (again, againOut, againErr) = CliRunner.Run("apply", _shop, "--endpoint-url", endpoint, "--vpc-id", Vpc, "--certificate-arn", Certificate);
        Assert.True(again == ExitCodes.Success, againErr);
        Assert.Contains("applied: 21 created", againOut);
    }

    [Fact]
    public void MissingVpcId_IsAUsageErrorNamingTheOption()
    {
        var (code, _, stderr) = CliRunner.Run("plan", _shop, "--endpoint-url", _lattice.Server.Endpoint.ToString());

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("site 'aws-use1' is on VPC Lattice", stderr);
        Assert.Contains("--vpc-id", stderr);
        Assert.Empty(_lattice.Server.Requests);
    }

    [Fact]
    public void ASiteOnAnotherMesh_IsAUsageErrorNamingTheSitesPlanCanTake()
    {
        var (code, _, stderr) = CliRunner.Run("plan", _shop, "--site", "gcp-euw1", "--endpoint-url", _lattice.Server.Endpoint.ToString());

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("site 'gcp-euw1' is not an App Mesh site (nor a VPC Lattice one)", stderr);
        Assert.Contains("VPC Lattice sites: aws-use1", stderr);
        Assert.Empty(_lattice.Server.Requests);
    }

    [Fact]
    public void Plan_LoadsTheManifestOnce_AndSaysItsWarningsOnce()
    {
        // plan used to load the manifest twice (once to see whether the site is Lattice's, once for App Mesh), and the
        // Lattice path printed none of its warnings. A service with two versions and no routes draws MF403.
        var folder = Directory.CreateTempSubdirectory("meshfed-lattice-warn-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(_shop, "*.yaml"))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            File.WriteAllText(Path.Combine(folder, "ledger.yaml"), """
                apiVersion: meshfed.dev/v1alpha1
                kind: FederatedMesh
                metadata: { name: shop }
                spec:
                  services:
                    - name: ledger
                      namespace: shop
                      ports: [{ port: 8080 }]
                      deployments: [{ site: aws-use1, version: v1 }, { site: aws-use1, version: v2 }]
                """);

            var (code, _, stderr) = CliRunner.Run("plan", folder, "--endpoint-url", _lattice.Server.Endpoint.ToString(), "--vpc-id", Vpc, "--certificate-arn", Certificate);

            Assert.True(code == ExitCodes.Success, stderr);
            Assert.Single(stderr.Split('\n'), line => line.Contains("MF403", StringComparison.Ordinal) && line.Contains("'ledger'", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
