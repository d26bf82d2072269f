using System.Text.Json;
using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>The CLI surface of <c>meshfed analyze</c> and <c>render</c>'s refusal, on the manifests a user has.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Probe => Path.Combine(F6b0ceaProbe.Folder, "input");

    [Fact]
    public void Analyze_BrokenFederation_PrintsPositionedFindingsAndExitsInvalidInput()
    {
        var (code, stdout, _) = CliRunner.Run("analyze", RepoPaths.Of("examples/demo"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Matches(@"examples/demo/mesh\.yaml:\d+:\d+: error MF7\d\d: spec\.", stdout);
        Assert.Contains("rendered: ", stdout);
        Assert.Contains("path: gcp-local → default/orders:8081 [canary] v1@aws-local (80%)", stdout);
        Assert.Matches(@"examples/demo: broken: \d+ of 10 path\(s\) carry traffic", stdout);
    }

    [Fact]
    public void Analyze_Wide_PrintsThePathTablePerService()
    {
        var (_, stdout, _) = CliRunner.Run("analyze", RepoPaths.Of("examples/demo"), "-o", "wide");

        Assert.Contains("service default/orders", stdout);
        Assert.Contains("caller     port  route         target        weight  status", stdout);
        Assert.Matches(@"gcp-local\s+8081\s+canary\s+v2@gcp-local\s+20%\s+ok", stdout);
    }

    [Fact]
    public void Analyze_Json_IsOneTypedDocumentWithEveryPath()
    {
        var (code, stdout, _) = CliRunner.Run("analyze", RepoPaths.Of("examples/demo"), "-o", "json");

        Assert.Equal(ExitCodes.InvalidInput, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.False(root.GetProperty("works").GetBoolean());
        Assert.Equal(10, root.GetProperty("paths").GetInt32());
        Assert.Equal(10, root.GetProperty("pathTable").GetArrayLength());
        var finding = root.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("hop").GetString() == "ingress");
        Assert.StartsWith("MF7", finding.GetProperty("code").GetString());
        Assert.True(finding.GetProperty("line").GetInt32() > 0);
        Assert.NotEmpty(finding.GetProperty("fix").GetString()!);
        Assert.True(finding.GetProperty("paths").GetArrayLength() > 0);
    }

    // examples/shop: 3 caller sites × visible services × request-aware ports × targets with weight > 0 ×
    // serving sites. Once the issue-11 renderer and module fixes are merged, assert "works" here too.
    [Fact]
    public void Analyze_Shop_WalksEveryPathAndPointsEachFindingAtTheManifest()
    {
        var (_, stdout, _) = CliRunner.Run("analyze", RepoPaths.Of("examples/shop"), "-o", "json");

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(19, json.RootElement.GetProperty("paths").GetInt32());
        foreach (var finding in json.RootElement.GetProperty("findings").EnumerateArray())
        {
            Assert.True(finding.GetProperty("line").GetInt32() > 0, finding.ToString());
            Assert.NotNull(finding.GetProperty("resource").GetString());
        }
    }

    [Fact]
    public void Analyze_Site_OnlyPathsThatStartOrEndThere()
    {
        var (_, stdout, _) = CliRunner.Run("analyze", Probe, "--site", "dc-vm", "-o", "json");

        using var json = JsonDocument.Parse(stdout);
        foreach (var row in json.RootElement.GetProperty("pathTable").EnumerateArray())
            Assert.True(row.GetProperty("caller").GetString() == "dc-vm" || row.GetProperty("serving").GetString() == "dc-vm");
    }

    [Fact]
    public void Analyze_UnknownSite_IsAUsageErrorNamingTheSites()
    {
        var (code, _, stderr) = CliRunner.Run("analyze", RepoPaths.Of("examples/demo"), "--site", "mars");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("aws-local, gcp-local", stderr);
    }

    [Fact]
    public void Analyze_InvalidManifest_PrintsTheValidationErrors()
    {
        var manifest = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(manifest, "apiVersion: meshfed.dev/v1alpha1\nkind: FederatedMesh\nmetadata: { name: x }\nspec: { sites: [] }\n");

        var (code, stdout, _) = CliRunner.Run("analyze", manifest);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("invalid", stdout);
    }

    [Fact]
    public void Render_BrokenFederation_RefusesAndWritesNothing()
    {
        var (code, _, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/demo"), "--target", "istio", "--out", _dir);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("not written", stderr);
        Assert.Contains("--force", stderr);
        Assert.Matches(@"error MF7\d\d", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Render_BrokenFederationWithForce_WritesAndStillPrintsTheFindings()
    {
        var (code, _, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/demo"), "--target", "istio", "--force", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("writing anyway (--force)", stderr);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_dir, "gcp-local"), "*.yaml"));
    }
}
