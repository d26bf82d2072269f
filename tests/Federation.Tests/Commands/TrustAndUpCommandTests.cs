using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using System.Net;
using System.Net.Sockets;
using MeshFed.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

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
            // The gateway's folder holds its bundle, certificate and key, and nothing else: no CA key ever.
            Assert.Equal(["bundle.pem", "gateway.crt", "gateway.key"], Directory.GetFiles(Path.Combine(dir, "sites", "gcp-local")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal([Path.Combine(dir, "sites", "gcp-local", "gateway.key")], Directory.GetFiles(Path.Combine(dir, "sites"), "*.key", SearchOption.AllDirectories));
            foreach (var key in new[] { "ca/root.key", "ca/sites/gcp-local/intermediate.key", "ca/sites/aws-local/intermediate.key" })
                Assert.True(File.Exists(Path.Combine(dir, key)), key);
            // The gateway's certificate file carries its site's intermediate, which the bundle pins.
            var chain = File.ReadAllText(Path.Combine(dir, "sites", "gcp-local", "gateway.crt"));
            var intermediate = File.ReadAllText(Path.Combine(dir, "ca", "sites", "gcp-local", "intermediate.crt")).Trim();
            Assert.Contains(intermediate, chain);
            Assert.Contains(intermediate, File.ReadAllText(Path.Combine(dir, "sites", "gcp-local", "bundle.pem")));

            // init again keeps the root: re-running must never cut running gateways off.
            var root = File.ReadAllText(Path.Combine(dir, "ca", "root.crt"));
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            Assert.Equal(root, File.ReadAllText(Path.Combine(dir, "ca", "root.crt")));

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

    [Theory]
    [InlineData("banana")]
    [InlineData("169.254.171.0/99")]
    public void Gateway_TrustLatticeFrom_NotAnAddress_IsAUsageError(string sources)
    {
        var (code, _, error) = CliRunner.Run("gateway", Demo, "--site", "gcp-local", "--trust-dir", "nowhere", "--trust-lattice-from", sources);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--trust-lattice-from", error);
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

    [Theory]
    [InlineData("30m", "shorter than 1h")]
    [InlineData("721h", "longer than 720h")]
    [InlineData("20000h", "longer than 365 days; give a duration like 24h")]
    [InlineData("1ms", "shorter than 1h")]
    [InlineData("soon", "give a duration like 24h")]
    public void TrustIssue_TtlOutOfBounds_IsAUsageError(string ttl, string message)
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            var (code, _, error) = CliRunner.Run("trust", "issue", Demo, "--dir", dir, "--ttl", ttl);
            Assert.Equal(2, code);
            Assert.Contains(message, error);
            Assert.Contains("between 1h and 720h", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrustIssue_TtlAboveAWeek_IsIssuedWithAWarning()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            var (code, _, error) = CliRunner.Run("trust", "issue", Demo, "--dir", dir, "--site", "aws-local", "--ttl", "200h");
            Assert.Equal(0, code);
            Assert.Contains("warning: --ttl 200h", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrustRenew_Revoke_UnpinsThePreviousIntermediateEverywhere()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            Assert.Equal(0, CliRunner.Run("trust", "issue", Demo, "--dir", dir).ExitCode);
            var old = File.ReadAllText(Path.Combine(dir, "ca", "sites", "aws-local", "intermediate.crt")).Trim();

            var (code, output, error) = CliRunner.Run("trust", "renew", Demo, "--dir", dir, "--site", "aws-local");
            Assert.True(code == 0, error);
            Assert.Contains("stays trusted until it expires", output);
            Assert.Contains(old, File.ReadAllText(Path.Combine(dir, "sites", "gcp-local", "bundle.pem")));

            (code, output, error) = CliRunner.Run("trust", "renew", Demo, "--dir", dir, "--site", "aws-local", "--revoke");
            Assert.True(code == 0, error);
            Assert.Contains("copied to 2 gateway folder(s)", output);
            var renewed = File.ReadAllText(Path.Combine(dir, "ca", "sites", "aws-local", "intermediate.crt")).Trim();
            foreach (var bundle in new[] { "bundle.pem", "sites/gcp-local/bundle.pem", "sites/aws-local/bundle.pem" })
            {
                var text = File.ReadAllText(Path.Combine(dir, bundle));
                Assert.DoesNotContain(old, text);
                Assert.Contains(renewed, text);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrustInit_LegacyLayout_MovesTheRootAndDeletesTheOldIntermediates()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            // The layout before the CA tree: root key beside the bundle, intermediate keys in gateway folders.
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            File.Move(Path.Combine(dir, "ca", "root.crt"), Path.Combine(dir, "root.crt"));
            File.Move(Path.Combine(dir, "ca", "root.key"), Path.Combine(dir, "root.key"));
            Directory.Delete(Path.Combine(dir, "ca"), recursive: true);
            Directory.CreateDirectory(Path.Combine(dir, "sites", "aws-local"));
            File.WriteAllText(Path.Combine(dir, "sites", "aws-local", "intermediate.key"), "old key");
            File.WriteAllText(Path.Combine(dir, "sites", "aws-local", "intermediate.crt"), "old certificate");
            var root = File.ReadAllText(Path.Combine(dir, "root.crt"));

            var (code, output, error) = CliRunner.Run("trust", "init", Demo, "--dir", dir);
            Assert.True(code == 0, error);
            Assert.Contains("moved the root", output);
            Assert.Equal(root, File.ReadAllText(Path.Combine(dir, "ca", "root.crt")));
            Assert.False(File.Exists(Path.Combine(dir, "root.key")));
            Assert.False(File.Exists(Path.Combine(dir, "sites", "aws-local", "intermediate.key")));
            Assert.True(File.Exists(Path.Combine(dir, "ca", "sites", "aws-local", "intermediate.key")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrustInit_PlantedTemporaryFileAndOpenFolders_AreNeitherFollowedNorLeftOpen()
    {
        if (OperatingSystem.IsWindows())
            return;
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            // R3: someone who can write the folder plants the temporary name as a symlink to a file of theirs.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
            var ca = Path.Combine(dir, "ca");
            Directory.CreateDirectory(ca);
            var victim = Path.Combine(dir, "victim.txt");
            File.WriteAllText(victim, "untouched");
            File.CreateSymbolicLink(Path.Combine(ca, $".root.key.{Environment.ProcessId}.tmp"), victim);

            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            Assert.Equal("untouched", File.ReadAllText(victim));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ca, "root.key")));
            Assert.False(new FileInfo(Path.Combine(ca, "root.key")).LinkTarget is not null);
            foreach (var folder in new[] { dir, ca, Path.Combine(dir, "sites"), Path.Combine(ca, "sites", "aws-local") })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Gateway_UnreadableKey_ExitsWithAClearError()
    {
        var dir = Directory.CreateTempSubdirectory("meshfed-cli-trust-").FullName;
        try
        {
            Assert.Equal(0, CliRunner.Run("trust", "init", Demo, "--dir", dir).ExitCode);
            Assert.Equal(0, CliRunner.Run("trust", "issue", Demo, "--dir", dir, "--site", "aws-local").ExitCode);
            var key = Path.Combine(dir, "sites", "aws-local", "gateway.key");
            if (UnreadableFile.TryPlace(key) is not null)
                return; // no way to make a file this process cannot read (see UnreadableFile); nothing to prove here
            var (code, _, error) = CliRunner.Run("gateway", Demo, "--site", "aws-local", "--trust-dir", Path.Combine(dir, "sites", "aws-local"),
                "--local-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--peer-listen", "127.0.0.1:0");
            Assert.Equal(1, code);
            Assert.Contains("gateway.key: this process", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Up_RunsTheDemoFederation_AndPrintsGoldenSignals()
    {
        // The command line as a user types it, run with gateways on a clock that stands still: on the system clock a
        // busy machine makes the demo's own 1 s try timeout fire, and the 504s it answers then are right, but not what
        // this test is about.
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var cli = new CliOutput(stdout, stderr);
        var command = new UpCommand(cli);
        var request = command.Read(command.Parse([Demo, "--duration", "7s", "--load", "60"]), cli)! with { Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        var code = await UpCommand.RunAsync(request, cli);
        var (output, error) = (stdout.ToString(), stderr.ToString());
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
    public void Up_WithoutAManifest_RunsTheBuiltInDemo_FromAnEditableCopy()
    {
        var copy = Path.GetFullPath(Up.DefaultManifest.RelativePath);
        if (File.Exists(copy))
            File.Delete(copy);

        var (code, output, error) = CliRunner.Run("up", "--duration", "3s", "--load", "5");

        Assert.True(code == 0, error + output);
        Assert.Contains("no manifest given: the built-in demo federation", output);
        Assert.Contains("meshfed up: mesh 'demo'", output);
        // The copy is the demo example itself, so the README's first command and examples/demo never drift apart.
        Assert.Equal(File.ReadAllText(RepoPaths.Of("examples/demo/mesh.yaml")), File.ReadAllText(copy));
    }

    [Fact]
    public void Up_BadArguments_AreUsageErrors()
    {
        Assert.Equal(2, CliRunner.Run("up", Demo, "--duration", "never").ExitCode);
        Assert.Equal(2, CliRunner.Run("up", Demo, "--load", "-1").ExitCode);
        Assert.Equal(1, CliRunner.Run("up", RepoPaths.Of("tests/Model.Tests/testdata/invalid")).ExitCode);
    }
}
