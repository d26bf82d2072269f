using MeshFed.Federation.Cli;
using MeshFed.Federation.Rendering;
using MeshFed.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace MeshFed.Federation.Tests;

/// <summary><c>meshfed render --out -</c>: one site's documents on stdout, for <c>kubectl apply -f -</c>; everything else on stderr.</summary>
public sealed class RenderStreamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-render-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // examples/demo before its fix: `meshfed analyze` finds a fault on it (MF709), so render refuses it without --force.
    private static string Broken => RepoPaths.Of("tests/Federation.Tests/testdata/analyze/caller-identity");

    [Theory]
    [InlineData("istio", "gcp-euw1", "")]
    [InlineData("istio", "dc-berlin", "")]
    [InlineData("appmesh", "aws-use1", "crds")]
    public void Render_OutDash_IsTheFolderDocumentsInKustomizationOrder(string target, string site, string subfolder)
    {
        var (folderCode, _, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", target, "--site", site, "--out", _dir);
        var (code, stdout, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", target, "--site", site, "--out", "-");

        Assert.Equal(ExitCodes.Success, folderCode);
        Assert.Equal(ExitCodes.Success, code);
        var folder = Path.Combine(_dir, site, subfolder);
        var listed = File.ReadAllLines(Path.Combine(folder, "kustomization.yaml")).Where(l => l.StartsWith("  - ")).Select(l => l[4..]).ToList();
        Assert.NotEmpty(listed);
        var expected = string.Concat(listed.Select(f => YamlStreamWriter.Separator + File.ReadAllText(Path.Combine(folder, f))));
        Assert.Equal(expected, stdout);
    }

    [Fact]
    public void Render_OutDash_StdoutHoldsOnlyYamlDocumentsAndTheSummaryGoesToStderr()
    {
        var (code, stdout, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--site", "gcp-euw1", "--out", "-");

        Assert.Equal(ExitCodes.Success, code);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(stdout));
        Assert.Equal(14, yaml.Documents.Count);
        Assert.All(yaml.Documents, d =>
        {
            var root = Assert.IsType<YamlMappingNode>(d.RootNode);
            Assert.Contains(new YamlScalarNode("apiVersion"), root.Children.Keys);
            Assert.Contains(new YamlScalarNode("kind"), root.Children.Keys);
        });
        Assert.DoesNotContain("warning:", stdout);
        Assert.Contains("warning: site gcp-euw1: service frontend: traffic.failover:", stderr);
        Assert.Contains("wrote 14 resources for 1 site(s) to standard output", stderr);
    }

    [Fact]
    public void Render_OutDashWithoutSiteOnTwoSites_IsAUsageErrorNamingThem()
    {
        var (code, stdout, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "istio", "--out", "-");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("has 2 istio sites (gcp-euw1, dc-berlin): pass --site", stderr);
    }

    [Fact]
    public void Render_OutDashWithoutSiteOnTheTargetsOnlySite_StreamsIt()
    {
        // The shop has one App Mesh site: no --site needed, the stream is that site's.
        var (code, stdout, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "appmesh", "--out", "-");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith(YamlStreamWriter.Separator + KustomizeFolderWriter.Header, stdout);
        Assert.Contains("awsName: checkout-shop", stdout);
        Assert.Contains("App Mesh controller custom resources", stderr);
    }

    [Fact]
    public void Render_OutDashTerraform_IsAUsageErrorNamingTheFolderForm()
    {
        var (code, stdout, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "terraform", "--site", "gcp-euw1", "--out", "-");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("--out DIR", stderr);
        Assert.Contains("terraform.tfvars.json", stderr);
    }

    [Fact]
    public void Render_OutDashBrokenFederation_RefusesWithNothingOnStdout()
    {
        var (code, stdout, stderr) = CliRunner.Run("render", Broken, "--target", "istio", "--out", "-");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Empty(stdout);
        Assert.Contains("error MF709", stderr);
        Assert.Contains("not written", stderr);
    }

    [Fact]
    public void Render_OutDashBrokenFederationWithForce_StreamsAndKeepsTheFindingsOnStderr()
    {
        var (code, stdout, stderr) = CliRunner.Run("render", Broken, "--target", "istio", "--force", "--out", "-");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith(YamlStreamWriter.Separator, stdout);
        Assert.DoesNotContain("MF709", stdout);
        Assert.Contains("error MF709", stderr);
        Assert.Contains("writing anyway (--force)", stderr);
    }

    [Fact]
    public void Render_OutDashInvalidManifest_PrintsTheErrorsOnStderrOnly()
    {
        var manifest = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(manifest, File.ReadAllText(RepoPaths.Of("examples/demo/mesh.yaml")).Replace("weight: 80", "weight: 81"));

        var (code, stdout, stderr) = CliRunner.Run("render", manifest, "--out", "-");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Empty(stdout);
        Assert.Contains("error MF402", stderr);
    }
}
