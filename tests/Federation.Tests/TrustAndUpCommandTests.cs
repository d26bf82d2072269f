using MeshFed.Federation.Cli;
using System.Net;
using System.Net.Sockets;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>The trust, gateway and up commands, run as a user runs them.</summary>
public class TrustAndUpCommandTests
{
    private static string Demo => RepoPaths.Of("examples/demo/mesh.yaml");

    [Fact]
    public void TrustInitIssueExport_WritesAGatewayTrustFolder()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            var (code, output, error) = CliRunner.Run("trust", "init", Demo, "--dir", dir);
            Assert.True(code == 0, error);
            Assert.Contains("new root of spiffe://demo.meshfed.local", output);
            (code, output, error) = CliRunner.Run("trust", "issue", Demo, "--dir", dir, "--site", "gcp-local", "--ttl", "2h");
            Assert.True(code == 0, error);
            Assert.Contains("SVID spiffe://demo.meshfed.local/site/gcp-local/gateway", output);
            foreach (var file in new[] { "bundle.pem", "gateway.crt", "gateway.key" })
                Assert.True(File.Exists(Path.Combine(dir, "sites", "gcp-local", file)), file);

            // init again keeps the root: re-running must never cut running gateways off.
            var root = File.ReadAllText(Path.Combine(dir, "root.crt"));
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            Assert.Equal(root, File.ReadAllText(Path.Combine(dir, "root.crt")));

            (code, output, _) = CliRunner.Run("trust", "export", Demo, "--dir", dir, "--format", "istio-cacerts", "--site", "gcp-local");
            Assert.Equal(0, code);
            Assert.Contains("name: cacerts", output);
            Assert.Contains("cert-chain.pem:", output);
            (code, output, _) = CliRunner.Run("trust", "export", Demo, "--dir", dir, "--format", "appmesh");
            Assert.Equal(0, code);
            Assert.Contains("\"certificateChain\": \"/etc/meshfed/trust/bundle.pem\"", output);
            Assert.Contains("spiffe://demo.meshfed.local/site/aws-local/gateway", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrustIssue_WithoutInit_SaysWhatToRun()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            var (code, _, error) = CliRunner.Run("trust", "issue", Demo, "--dir", dir);
            Assert.Equal(1, code);
            Assert.Contains("meshfed trust init", error);
            Assert.Equal(2, CliRunner.Run("trust", "issue", Demo, "--dir", dir, "--ttl", "soon").ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("10.0.0.1/99")]
    [InlineData(",")]
    public void Gateway_TrustXfccFrom_NotAnAddress_IsAUsageError(string hops)
    {
        var (code, _, error) = CliRunner.Run("gateway", Demo, "--site", "gcp-local", "--trust-dir", "nowhere", "--trust-xfcc-from", hops);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--trust-xfcc-from", error);
    }

    [Fact]
    public void Gateway_WithAnotherSitesSvid_RefusesToStart()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            Assert.Equal(0, CliRunner.Run("trust", "issue", Demo, "--dir", dir, "--site", "aws-local").ExitCode);
            var (code, _, error) = CliRunner.Run("gateway", Demo, "--site", "gcp-local", "--trust-dir", Path.Combine(dir, "sites", "aws-local"),
                "--local-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--peer-listen", "127.0.0.1:0");
            Assert.Equal(1, code);
            Assert.Contains("not spiffe://demo.meshfed.local/site/gcp-local/gateway", error);
            (code, _, error) = CliRunner.Run("gateway", Demo, "--site", "gcp-local", "--trust-dir", Path.Combine(dir, "nowhere"));
            Assert.Equal(1, code);
            Assert.Contains("missing", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Up_RunsTheDemoFederation_AndPrintsGoldenSignals()
    {
        var (code, output, error) = CliRunner.Run("up", Demo, "--duration", "7s", "--load", "60");
        Assert.True(code == 0, error + output);
        Assert.Contains("meshfed up: mesh 'demo'", output);
        Assert.Contains("golden signals", output);
        var final = output[output.LastIndexOf("Golden signals of the last 10 s", StringComparison.Ordinal)..];
        // Every deployment of the demo served traffic, across both sites, without errors.
        foreach (var (service, site, version) in new[] { ("orders", "aws-local", "v1"), ("orders", "gcp-local", "v2"), ("stock", "gcp-local", "v1"), ("web", "aws-local", "v1") })
            Assert.Matches($"(?m)^{service} +{site} +{version} +[0-9.]+ +0\\.0%", final);
        Assert.Contains(" 0 without an answer", final);
        Assert.Contains("Stopped.", output);
    }

    [Fact]
    public void Up_BadArguments_AreUsageErrors()
    {
        Assert.Equal(2, CliRunner.Run("up", Demo, "--duration", "never").ExitCode);
        Assert.Equal(2, CliRunner.Run("up", Demo, "--load", "-1").ExitCode);
        Assert.Equal(1, CliRunner.Run("up", RepoPaths.Of("tests/Model.Tests/testdata/invalid")).ExitCode);
    }
}
