using System.Text.Json;
using MeshFed.Adapters.Aws.Tests;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Control;
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

        Assert.Equal(ExitCodes.RemoteFailed, code); // the cloud failed, not the input
        Assert.Contains("apply stopped: App Mesh InternalServerError (500)", stderr);
        Assert.Contains("run apply again", stderr);
    }

    [Fact]
    public void Plan_WhenNothingAnswers_IsARemoteFailureNotAnInputError()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now: every connection is refused

        var (code, _, stderr) = CliRunner.Run("plan", RepoPaths.Of("examples/shop"), "--endpoint-url", $"http://127.0.0.1:{port}/");

        Assert.Equal(ExitCodes.RemoteFailed, code);
        Assert.Contains("meshfed: reading mesh 'shop'", stderr);
    }

    [Fact]
    public void Apply_WithForeignResourcesUnderItsNames_IsAnInputErrorAndWritesNothing()
    {
        _appMesh.AddForeign("/v20190125/meshes", "meshName", "shop", new System.Text.Json.Nodes.JsonObject());

        var (code, _, stderr) = CliRunner.Run("apply", RepoPaths.Of("examples/shop"), "--endpoint-url", _appMesh.Server.Endpoint.ToString());

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("not managed by this mesh and site", stderr);
        Assert.Equal(0, _appMesh.Writes);
    }

    [Fact]
    public async Task Apply_Cancelled_StopsWithoutWritingAndExits130()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var error = new StringWriter();

        var code = await ApplyCommand.RunAsync(new AppMeshSiteRequest { Path = RepoPaths.Of("examples/shop"), EndpointUrl = _appMesh.Server.Endpoint.ToString() },
            new CliOutput(TextWriter.Null, error), cancelled.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("stopped (Ctrl+C)", error.ToString());
        Assert.Contains("nothing was changed", error.ToString());
        Assert.Equal(0, _appMesh.Writes);
    }

    [Fact]
    public void Read_TheSharedOptions_LandInTheRequest()
    {
        var command = new PlanCommand(new CliOutput(TextWriter.Null, TextWriter.Null));

        var parse = command.Parse(["mesh.yaml", "--site", "aws-use1", "--endpoint-url", "http://127.0.0.1:1/", "-o", "json"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(new AppMeshSiteRequest { Path = "mesh.yaml", Site = "aws-use1", EndpointUrl = "http://127.0.0.1:1/", Json = true }, command.Read(parse));
    }

    [Fact]
    public async Task ASession_OwnsItsHttpClient_AndClosesItWhenDisposed()
    {
        // The App Mesh client only borrows its HttpClient (tests lend it theirs); the session made it, so the session
        // disposes it, and plan and apply dispose the session.
        var request = new AppMeshSiteRequest { Path = RepoPaths.Of("examples/shop"), EndpointUrl = _appMesh.Server.Endpoint.ToString() };
        var (session, code) = await SiteSessions.OpenAndReportAsync(request, new CliOutput(TextWriter.Null, TextWriter.Null), CancellationToken.None);
        Assert.Equal(ExitCodes.Success, code);
        Assert.NotNull(session);
        Assert.NotEmpty(session.Steps);

        session.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ApplyAsync(CancellationToken.None));
        Assert.Equal(0, _appMesh.Writes);
    }
}
