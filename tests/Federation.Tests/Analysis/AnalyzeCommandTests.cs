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

    // examples/demo as it was before its fix: aws-local (App Mesh, no caller identity) → stock, whose allow rule names orders.
    private static string Broken => RepoPaths.Of("tests/Federation.Tests/testdata/analyze/caller-identity");

    [Fact]
    public void Analyze_BrokenFederation_PrintsPositionedFindingsAndExitsInvalidInput()
    {
        var (code, stdout, _) = CliRunner.Run("analyze", Broken);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Matches(@"analyze/caller-identity/mesh\.yaml:\d+:\d+: error MF709: spec\.services\[2\]\.security\.allow\[0\]", stdout);
        // The caller site's path is denied by the policy the serving site renders: the file is named with that site.
        Assert.Contains("rendered: gcp-local/authorizationpolicy-default-stock.yaml (AuthorizationPolicy default/stock)", stdout);
        Assert.Contains("path: aws-local → default/stock:8082 [default] v1@gcp-local (100%)", stdout);
        // The warnings: gcp-local's remote-only web needs DNS capture (MF718); aws-local (ECS) a Route 53 record (MF701).
        Assert.Contains("caller-identity: broken: 9 of 10 path(s) carry traffic; 1 error(s), 2 warning(s)", stdout);
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
        var (code, stdout, _) = CliRunner.Run("analyze", Broken, "-o", "json");

        Assert.Equal(ExitCodes.InvalidInput, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.False(root.GetProperty("works").GetBoolean());
        Assert.Equal(10, root.GetProperty("paths").GetInt32());
        Assert.Equal(10, root.GetProperty("pathTable").GetArrayLength());
        var finding = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("severity").GetString() == "error");
        Assert.Equal("callee", finding.GetProperty("hop").GetString());
        Assert.StartsWith("MF7", finding.GetProperty("code").GetString());
        Assert.True(finding.GetProperty("line").GetInt32() > 0);
        Assert.NotEmpty(finding.GetProperty("fix").GetString()!);
        Assert.True(finding.GetProperty("paths").GetArrayLength() > 0);
    }

    // examples/shop: 3 caller sites × visible services × request-aware ports × targets with weight > 0 ×
    // serving sites, every one carrying traffic on the renderers and modules of this checkout. The warnings are
    // real and said at render time too: services that run only on other sites need Istio's DNS capture on the
    // callers' sites (MF718, fidelity review of 2026-12-02 row 13), and shop's payments names dc-berlin's gateway
    // ID in an allow rule the mesh enforces (MF721, row 26(c)); aws-use1 runs on ECS, where remote-only names need
    // the Route 53 records the render asks for (MF701 as a warning: nothing rendered shows whether they exist).
    [Theory]
    [InlineData("examples/shop", 18, "MF701 MF701 MF718 MF718 MF718 MF721")]
    [InlineData("examples/demo", 9, "MF718")]
    public void Analyze_Examples_EveryPathWorks(string example, int paths, string warnings)
    {
        var (code, stdout, _) = CliRunner.Run("analyze", RepoPaths.Of(example), "-o", "json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("works").GetBoolean(), stdout);
        Assert.Equal(paths, json.RootElement.GetProperty("paths").GetInt32());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("warning", f.GetProperty("severity").GetString()));
        Assert.Equal(warnings, string.Join(" ", findings.Select(f => f.GetProperty("code").GetString()).Order(StringComparer.Ordinal)));
        Assert.All(json.RootElement.GetProperty("pathTable").EnumerateArray(), row => Assert.Equal("ok", row.GetProperty("status").GetString()));
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
        var (code, _, stderr) = CliRunner.Run("render", Broken, "--target", "istio", "--out", _dir);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("not written", stderr);
        Assert.Contains("--force", stderr);
        Assert.Contains("error MF709", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Render_BrokenFederationWithForce_WritesAndStillPrintsTheFindings()
    {
        var (code, _, stderr) = CliRunner.Run("render", Broken, "--target", "istio", "--force", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("writing anyway (--force)", stderr);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_dir, "gcp-local"), "*.yaml"));
    }
}
