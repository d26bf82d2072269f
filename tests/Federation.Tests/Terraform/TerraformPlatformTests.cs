using MeshFed.Federation.Cli;
using MeshFed.Federation.Terraform;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// Issue 11: the manifest's <c>gateway.platform</c> is the one value the modules read. The translator maps it onto
/// the module's <c>platform</c> and refuses what no module provisions, so a module cannot be planned for another
/// deployment than the one the renderers and the gateway assume.
/// </summary>
public sealed class TerraformPlatformTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-tfplatform-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("aws-use1", GatewayPlatform.Ecs, "ecs")]
    [InlineData("aws-use1", GatewayPlatform.Eks, "eks")]
    [InlineData("gcp-euw1", GatewayPlatform.Gke, "gke")]
    [InlineData("gcp-euw1", GatewayPlatform.Vm, "mig")]
    [InlineData("dc-berlin", GatewayPlatform.Kubernetes, "kubernetes")]
    [InlineData("dc-berlin", GatewayPlatform.Vm, "vm")]
    public void Translate_ManifestPlatform_IsTheModulesPlatform(string site, GatewayPlatform platform, string expected)
    {
        var (inputs, diagnostics) = TerraformInputsTranslator.Translate(WithPlatform(site, platform), site);

        Assert.Equal(expected, inputs.Platform);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
    }

    [Fact]
    public void Translate_ShopDefaults_AreEcsGkeAndTheOnpremCluster()
    {
        var shop = TerraformGolden.Load(RepoPaths.Of("examples/shop"));

        var platforms = shop.Sites.Select(s => TerraformInputsTranslator.Translate(shop, s.Name).Inputs.Platform);

        Assert.Equal(["ecs", "gke", "kubernetes"], platforms);
    }

    [Theory]
    [InlineData("aws-use1", GatewayPlatform.Gke, "terraform/modules/aws-gateway provisions ecs or eks")]
    [InlineData("aws-use1", GatewayPlatform.Kubernetes, "terraform/modules/aws-gateway provisions ecs or eks")]
    [InlineData("gcp-euw1", GatewayPlatform.Ecs, "terraform/modules/gcp-gateway provisions gke or vm")]
    [InlineData("dc-berlin", GatewayPlatform.Eks, "terraform/modules/onprem-gateway provisions kubernetes or vm")]
    public void Translate_PlatformTheProvidersModuleCannotRun_IsAnError(string site, GatewayPlatform platform, string message)
    {
        var (_, diagnostics) = TerraformInputsTranslator.Translate(WithPlatform(site, platform), site);

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"error: site {site}: gateway.platform", error.ToString());
    }

    [Fact]
    public void Translate_IstioSiteOnEcs_IsAnErrorNamingEks()
    {
        var shop = WithPlatform("aws-use1", GatewayPlatform.Ecs);
        var istio = shop with { Sites = [.. shop.Sites.Select(s => s.Name == "aws-use1" ? s with { Mesh = MeshKind.Istio } : s)] };

        var (_, diagnostics) = TerraformInputsTranslator.Translate(istio, "aws-use1");

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Contains("no Istio sidecar runs on ECS", error.Message);
        Assert.Contains("gateway.platform to eks", error.Message);
    }

    [Fact]
    public void Render_PlatformNoModuleProvisions_WritesNothingAndFails()
    {
        var manifest = ShopWith("gateway: { address: gw.gcp-euw1.shop.example, port: 15443 }",
            "gateway: { address: gw.gcp-euw1.shop.example, port: 15443, platform: ecs }");
        var outFolder = Path.Combine(_dir, "out");

        var (code, stdout, _) = CliRunner.Run("render", manifest, "--target", "terraform", "--out", outFolder);
        // The same input error for the mesh targets, even with --force (it is not an analysis finding), and for analyze.
        var (istio, istioOut, istioErr) = CliRunner.Run("render", manifest, "--target", "istio", "--force", "--out", outFolder);
        var (analyze, _, analyzeErr) = CliRunner.Run("analyze", manifest);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("error: site gcp-euw1: gateway.platform 'ecs' cannot run on provider gcp", stdout);
        Assert.Equal(ExitCodes.InvalidInput, istio);
        Assert.Contains("error: site gcp-euw1: gateway.platform 'ecs' cannot run on provider gcp", istioOut);
        Assert.DoesNotContain("MF7", istioErr);
        Assert.Equal(ExitCodes.InvalidInput, analyze);
        Assert.Contains("error: site gcp-euw1: gateway.platform 'ecs' cannot run on provider gcp", analyzeErr);
        Assert.False(Directory.Exists(outFolder));
    }

    // The default follows the site's mesh: an Istio site on AWS needs its gateway in the mesh (EKS, with the sidecar),
    // so a manifest that does not name the platform renders and analyses instead of failing on the ECS default.
    [Fact]
    public void Render_IstioSiteOnAwsWithoutPlatform_DefaultsToEks()
    {
        var manifest = ShopWith("mesh: appmesh", "mesh: istio"); // aws-use1's, the only App Mesh site
        var outFolder = Path.Combine(_dir, "out");

        var validate = CliRunner.Run("validate", manifest);
        var (code, stdout, stderr) = CliRunner.Run("render", manifest, "--target", "terraform", "--site", "aws-use1", "--out", outFolder);

        Assert.Equal(ExitCodes.Success, validate.ExitCode);
        Assert.True(code == ExitCodes.Success, stdout + stderr);
        Assert.Contains("\"platform\": \"eks\"", File.ReadAllText(Path.Combine(outFolder, "aws-use1", "terraform.tfvars.json")));
        Assert.Equal(GatewayPlatform.Eks, TerraformGolden.Load(manifest).Sites.Single(s => s.Name == "aws-use1").Gateway!.Platform);
    }

    // The example wires every module's platform from the rendered inputs, never from its own settings.
    [Fact]
    public void Example_EveryModuleCall_TakesThePlatformFromTheRenderedInputs()
    {
        var main = File.ReadAllText(RepoPaths.Of("terraform/examples/shop/main.tf"));

        var platforms = System.Text.RegularExpressions.Regex.Matches(main, @"^\s*platform\s*=\s*(.+)$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value.Trim());

        Assert.Equal(["local.aws_use1.platform", "local.gcp_euw1.platform", "local.dc_berlin.platform"], platforms);
    }

    // A copy of examples/shop whose mesh.yaml has `from` (which must be there) replaced by `to`.
    private string ShopWith(string from, string to)
    {
        var manifest = Path.Combine(_dir, "shop");
        Directory.CreateDirectory(manifest);
        foreach (var file in Directory.GetFiles(RepoPaths.Of("examples/shop"), "*.yaml"))
            File.Copy(file, Path.Combine(manifest, Path.GetFileName(file)));
        var mesh = Path.Combine(manifest, "mesh.yaml");
        var text = File.ReadAllText(mesh);
        Assert.Contains(from, text);
        File.WriteAllText(mesh, text.Replace(from, to, StringComparison.Ordinal));
        return manifest;
    }

    private static FederatedMesh WithPlatform(string site, GatewayPlatform platform)
    {
        var shop = TerraformGolden.Load(RepoPaths.Of("examples/shop"));
        return shop with { Sites = [.. shop.Sites.Select(s => s.Name == site ? s with { Gateway = s.Gateway! with { Platform = platform } } : s)] };
    }
}
