using System.Text.Json;
using MeshFed.Adapters.Aws.Tests;
using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>meshfed plan/apply end to end, against a stateful App Mesh on loopback via --endpoint-url.</summary>
public sealed class PlanApplyCommandTests : IDisposable
{
    private readonly InMemoryAppMesh _appMesh = new();

    static PlanApplyCommandTests()
    {
        // The standard credential chain reads these first; instance metadata (a non-loopback address) is never asked.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public void Dispose() => _appMesh.Dispose();

    [Fact]
    public void PlanApplyReapply_ConvergesAndTheSecondApplyWritesNothing()
    {
        var endpoint = _appMesh.Server.Endpoint.ToString();
        var shop = RepoPaths.Of("examples/shop");

        var (planCode, planOut, _) = CliRunner.Run("plan", shop, "--endpoint-url", endpoint);
        Assert.Equal(ExitCodes.Success, planCode);
        Assert.Contains("+ create Mesh shop", planOut);
        Assert.Contains("+ create Route checkout-shop/canary", planOut);
        Assert.Equal(0, _appMesh.Writes); // plan changes nothing

        var (applyCode, applyOut, applyErr) = CliRunner.Run("apply", shop, "--site", "aws-use1", "--endpoint-url", endpoint);
        Assert.True(applyCode == ExitCodes.Success, applyErr);
        Assert.Contains("applied: 18 created, 0 updated, 0 deleted", applyOut);

        var writes = _appMesh.Writes;
        var (againCode, againOut, _) = CliRunner.Run("apply", shop, "--endpoint-url", endpoint);
        Assert.Equal(ExitCodes.Success, againCode);
        Assert.Contains("no changes: App Mesh matches the manifest", againOut);
        Assert.Contains("(0 write calls", againOut);
        Assert.Equal(writes, _appMesh.Writes);
    }

    [Fact]
    public void Plan_JsonOutput_ListsActions()
    {
        var (code, stdout, _) = CliRunner.Run("plan", RepoPaths.Of("examples/shop"), "--endpoint-url", _appMesh.Server.Endpoint.ToString(), "-o", "json");

        Assert.Equal(ExitCodes.Success, code);
        using var plan = JsonDocument.Parse(stdout);
        Assert.Equal("aws-use1", plan.RootElement.GetProperty("site").GetString());
        Assert.Equal(18, plan.RootElement.GetProperty("create").GetInt32());
        Assert.Equal("create", plan.RootElement.GetProperty("actions")[0].GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("--site", "gcp-euw1", "is not an App Mesh site")]
    [InlineData("--endpoint-url", "not a url", "is not an absolute URL")]
    public void Plan_BadArguments_AreUsageErrors(string option, string value, string message)
    {
        var (code, _, stderr) = CliRunner.Run("plan", RepoPaths.Of("examples/shop"), option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Apply_WhenTheEndpointKeepsFailing_StopsAndSaysHowToContinue()
    {
        _appMesh.FailWrites(successfulWrites: 2, failures: 100);

        var (code, _, stderr) = CliRunner.Run("apply", RepoPaths.Of("examples/shop"), "--endpoint-url", _appMesh.Server.Endpoint.ToString());

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("apply stopped: App Mesh InternalServerError (500)", stderr);
        Assert.Contains("run apply again", stderr);
    }
}
