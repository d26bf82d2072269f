using System.Text.Json;
using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("examples/shop", "mesh 'shop' with 3 sites and 4 services from 3 files")]
    [InlineData("examples/demo", "mesh 'demo' with 2 sites and 3 services from 1 file")]
    public void Validate_Example_PrintsValidAndExitsZero(string example, string summary)
    {
        var (code, stdout, _) = CliRunner.Run("validate", RepoPaths.Of(example));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("valid: " + summary, stdout);
    }

    [Fact]
    public void Validate_BrokenCopy_PrintsEveryErrorWithPositionAndSource()
    {
        var broken = CopyShop();
        Edit(Path.Combine(broken, "checkout.yaml"), ("weight: 10 }", "weight: 20 }"), ("timeout: 10s", "timeout: ten"));
        Edit(Path.Combine(broken, "mesh.yaml"), ("      region: us-east-1\n      mesh: appmesh", "      regin: us-east-1\n      mesh: appmesh"));

        var (code, stdout, _) = CliRunner.Run("validate", broken);

        Assert.Equal(ExitCodes.InvalidInput, code);
        var lines = stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"{broken}/checkout.yaml:22:17: error MF402: spec.services[0].traffic.routes[1].to:") && l.Contains("add up to 110"));
        Assert.Contains(lines, l => l.StartsWith($"{broken}/checkout.yaml:23:18: error MF302: spec.services[0].traffic.timeout:"));
        Assert.Contains(lines, l => l.StartsWith($"{broken}/mesh.yaml:13:7: error MF200: spec.sites[0].regin:") && l.EndsWith("Did you mean 'region'?"));
        Assert.Contains("   23 |         timeout: ten", stdout);
        Assert.Contains($"{broken}: invalid: 3 errors", stdout);
    }

    [Fact]
    public void Validate_JsonOutput_IsOneDocumentWithEveryFinding()
    {
        var broken = CopyShop();
        Edit(Path.Combine(broken, "checkout.yaml"), ("{ version: v2, weight: 10 }", "{ version: v9, weight: 10 }"));

        var (code, stdout, _) = CliRunner.Run("validate", broken, "--output", "json");

        Assert.Equal(ExitCodes.InvalidInput, code);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal(1, root.GetProperty("errors").GetInt32());
        var diagnostic = root.GetProperty("diagnostics")[0];
        Assert.Equal("MF401", diagnostic.GetProperty("code").GetString());
        Assert.Equal("spec.services[0].traffic.routes[1].to[1].version", diagnostic.GetProperty("path").GetString());
        Assert.Equal(22, diagnostic.GetProperty("line").GetInt32());
        Assert.EndsWith("checkout.yaml", diagnostic.GetProperty("file").GetString());
        Assert.False(string.IsNullOrEmpty(diagnostic.GetProperty("hint").GetString()));
    }

    [Fact]
    public void Validate_JsonOutputForValidMesh_ListsSitesAndServices()
    {
        var (code, stdout, _) = CliRunner.Run("validate", RepoPaths.Of("examples/demo"), "-o", "json");

        Assert.Equal(ExitCodes.Success, code);
        using var report = JsonDocument.Parse(stdout);
        Assert.True(report.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(["aws-local", "gcp-local"], report.RootElement.GetProperty("mesh").GetProperty("sites").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Validate_MissingPath_ExitsOneWithoutStackTrace()
    {
        var (code, stdout, stderr) = CliRunner.Run("validate", Path.Combine(_dir, "nope"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no such file or folder", stdout);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    private string CopyShop()
    {
        var target = Path.Combine(_dir, "shop");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples/shop")))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    private static void Edit(string file, params (string From, string To)[] edits)
    {
        var text = File.ReadAllText(file);
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to);
        }
        File.WriteAllText(file, text);
    }
}
