using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

public sealed class TerraformRenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-tf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Render_Shop_WritesTfvarsPerSiteAndSaysWhichPeersNeedACidr()
    {
        var (code, stdout, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "terraform", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", stderr);
        Assert.Equal(["aws-use1", "dc-berlin", "gcp-euw1"], Directory.GetDirectories(_dir).Select(Path.GetFileName).Order());
        Assert.All(Directory.GetDirectories(_dir), d => Assert.Equal(["terraform.tfvars.json"], Directory.GetFiles(d).Select(Path.GetFileName)));
        Assert.Contains("aws-use1   terraform/modules/aws-gateway", stdout);
        Assert.Contains("warning: site dc-berlin: peer aws-use1: gateway address 'gw.aws-use1.shop.example' is a DNS name", stdout);
        Assert.Contains("wrote Terraform inputs for 3 site(s)", stdout);
    }

    [Fact]
    public void Render_Twice_SameBytes()
    {
        CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "terraform", "--out", _dir);
        var first = File.ReadAllBytes(Path.Combine(_dir, "gcp-euw1", "terraform.tfvars.json"));

        CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "terraform", "--out", _dir);

        Assert.Equal(first, File.ReadAllBytes(Path.Combine(_dir, "gcp-euw1", "terraform.tfvars.json")));
    }

    [Fact]
    public void Render_OneSite_WritesOnlyThatSite()
    {
        var (code, _, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "terraform", "--site", "dc-berlin", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["dc-berlin"], Directory.GetDirectories(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Render_SiteWithoutGateway_IsAUsageErrorNamingTheSitesThatHaveOne()
    {
        var manifest = Path.Combine(TerraformGolden.Root, "addresses", "manifest.yaml");

        var (code, _, stderr) = CliRunner.Run("render", manifest, "--target", "terraform", "--site", "dc-edge", "--out", _dir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("site 'dc-edge' has no gateway in the manifest", stderr);
        Assert.Contains("aws-euc1, gke-usc1, dc-lab", stderr);
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [Fact]
    public void Render_SitesWithoutGateway_AreNamedAndSkipped()
    {
        var manifest = Path.Combine(TerraformGolden.Root, "addresses", "manifest.yaml");

        var (code, stdout, _) = CliRunner.Run("render", manifest, "--target", "terraform", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("dc-edge   (no gateway in the manifest: nothing to provision)", stdout);
        Assert.False(Directory.Exists(Path.Combine(_dir, "dc-edge")));
    }

    [Fact]
    public void Render_InvalidManifest_WritesNoTfvars()
    {
        var manifest = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(manifest, File.ReadAllText(RepoPaths.Of("examples/demo/mesh.yaml")).Replace("port: 15444", "port: 99999"));
        var outFolder = Path.Combine(_dir, "out");

        var (code, stdout, _) = CliRunner.Run("render", manifest, "--target", "terraform", "--out", outFolder);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("error", stdout);
        Assert.False(Directory.Exists(outFolder));
    }

    [Fact]
    public void Help_Render_NamesTheTerraformTarget()
    {
        var (_, stdout, _) = CliRunner.Run("render", "--help");

        Assert.Contains("terraform", stdout);
    }
}
