using MeshFed.Federation.Cli;
using MeshFed.Federation.Rendering;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary><c>meshfed render --target vpc-lattice</c> and <c>meshfed analyze</c> on a mesh with a VPC Lattice site.</summary>
public sealed class LatticeRenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-lattice-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Render_ShopLattice_WritesTheGoldenApiFolder()
    {
        var (code, stdout, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop-lattice"), "--target", "vpc-lattice", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        var written = Path.Combine(_dir, "aws-use1", "api");
        var golden = RepoPaths.Of("tests/Adapters.Aws.Tests/testdata/lattice/shop-lattice/expected/aws-use1/api");
        Assert.Equal(Directory.GetFiles(golden).Select(Path.GetFileName).Order(), Directory.GetFiles(written).Select(Path.GetFileName).Order());
        foreach (var file in Directory.GetFiles(golden))
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(written, Path.GetFileName(file))));
        Assert.Contains("warning: site aws-use1: service checkout: traffic.retries:", stdout);
    }

    [Fact]
    public void Render_ShopLattice_WritesTheGoldenGatewayApiFolder_KustomizeReady_AndConformant()
    {
        var (code, _, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop-lattice"), "--target", "vpc-lattice", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        var written = Path.Combine(_dir, "aws-use1", "gateway-api");
        var golden = RepoPaths.Of("tests/Adapters.Aws.Tests/testdata/lattice/shop-lattice/expected/aws-use1/gateway-api");
        var goldenFiles = Directory.GetFiles(golden).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([.. goldenFiles, "kustomization.yaml"], Directory.GetFiles(written).Select(Path.GetFileName).OrderBy(f => f == "kustomization.yaml").ThenBy(f => f, StringComparer.Ordinal));
        foreach (var file in goldenFiles)
            Assert.Equal(KustomizeFolderWriter.Header + "\n" + File.ReadAllText(Path.Combine(golden, file!)), File.ReadAllText(Path.Combine(written, file!)));
        var (exit, stdout, stderr) = NodeTool.Run("lattice", "@kubernetes-models/gateway-api", "gateway-api.mjs", [written]);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains($"checked {goldenFiles.Count} objects in {goldenFiles.Count} files, 0 problems", stdout);
    }

    [Fact]
    public void Render_LatticeLimitExceeded_PositionedErrorAndNothingWritten()
    {
        var manifest = Path.Combine(_dir, "mesh.yaml");
        File.WriteAllText(manifest, """
            apiVersion: meshfed.dev/v1alpha1
            kind: FederatedMesh
            metadata: { name: t }
            spec:
              trustDomain: t.example
              sites:
                - { name: aws, provider: aws, region: us-east-1, mesh: vpc-lattice, gateway: { address: gw.aws.example } }
              services:
                - name: orders
                  ports: [{ port: 8080 }, { port: 8081 }, { port: 8082 }]
                  deployments: [{ site: aws, version: v1 }]
            """);
        var output = Path.Combine(_dir, "out");

        var (code, stdout, _) = CliRunner.Run("render", manifest, "--target", "vpc-lattice", "--out", output);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("mesh.yaml:10:14: error MF504: spec.services[0].ports:", stdout);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Render_LatticeToStandardOutput_IsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop-lattice"), "--target", "vpc-lattice", "--out", "-");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("one JSON file per API call", stderr);
    }

    [Fact]
    public void Analyze_ShopLattice_WalksTheLatticePaths_AndEveryPathWorks()
    {
        var (code, stdout, _) = CliRunner.Run("analyze", RepoPaths.Of("examples/shop-lattice"), "-o", "wide");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("19 of 19 path(s) carry traffic; 0 error(s)", stdout);
        Assert.Contains("SigV4 (vpc-lattice-svcs) for checkout-shop-1dfc2ea5", stdout);
        Assert.DoesNotContain("not-walked", stdout);
    }
}
