using MeshFed.Federation.Cli;
using MeshFed.Federation.Rendering;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Render_Shop_WritesAKustomizeFolderPerIstioSite()
    {
        var (code, stdout, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "istio", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["dc-berlin", "gcp-euw1"], Directory.GetDirectories(_dir).Select(Path.GetFileName).Order());
        foreach (var site in new[] { "gcp-euw1", "dc-berlin" })
        {
            var folder = Path.Combine(_dir, site);
            var listed = File.ReadAllLines(Path.Combine(folder, "kustomization.yaml")).Where(l => l.StartsWith("  - ")).Select(l => l[4..]).ToList();
            var files = Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order().ToList();
            Assert.Equal(files, listed.Order());
            Assert.All(files, f => Assert.StartsWith(KustomizeFolderWriter.Header, File.ReadAllText(Path.Combine(folder, f!))));
        }
        Assert.True(File.Exists(Path.Combine(_dir, "gcp-euw1", "virtualservice-shop-checkout.yaml")));
        Assert.True(File.Exists(Path.Combine(_dir, "dc-berlin", "serviceentry-shop-inventory.yaml")));
        Assert.Contains("gcp-euw1", stdout);
        Assert.Contains("VirtualService", stdout);
        Assert.Contains("warning: site gcp-euw1: service frontend: traffic.failover:", stdout);
        Assert.Contains("wrote 28 resources for 2 site(s)", stdout); // each site also gets the gateway's PeerAuthentication and DestinationRule
    }

    [Fact]
    public void Render_Twice_SameBytesAndStaleFilesRemoved()
    {
        CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--out", _dir);
        var folder = Path.Combine(_dir, "gcp-euw1");
        var before = Snapshot(folder);
        File.WriteAllText(Path.Combine(folder, "virtualservice-shop-gone.yaml"), KustomizeFolderWriter.Header + "\nkind: VirtualService\n");
        File.WriteAllText(Path.Combine(folder, "users-own.yaml"), "kind: ConfigMap\n");

        CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--out", _dir);

        var after = Snapshot(folder);
        Assert.False(after.ContainsKey("virtualservice-shop-gone.yaml"));
        Assert.Equal("kind: ConfigMap\n", after["users-own.yaml"]); // never touches a file it did not write
        after.Remove("users-own.yaml");
        Assert.Equal(before, after);
    }

    [Fact]
    public void Render_OneSiteWithProfile_RendersOnlyThatSite()
    {
        var (code, stdout, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--site", "gcp-euw1", "--profile", "cloud-service-mesh", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["gcp-euw1"], Directory.GetDirectories(_dir).Select(Path.GetFileName));
        Assert.Contains("cloud-service-mesh", stdout);
        // Managed CSM fetches JWKS in Envoy: the JWKS host needs a ServiceEntry (Istio fidelity review row 18).
        Assert.True(File.Exists(Path.Combine(_dir, "gcp-euw1", "serviceentry-meshfed-system-jwks-auth-shop-example-443.yaml")));
        Assert.DoesNotContain("rejects localityLbSetting", stdout);
    }

    [Fact]
    public void Render_InvalidManifest_WritesNothingAndExitsOne()
    {
        var manifest = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(manifest, File.ReadAllText(RepoPaths.Of("examples/demo/mesh.yaml")).Replace("weight: 80", "weight: 81"));
        var outFolder = Path.Combine(_dir, "out");

        var (code, stdout, _) = CliRunner.Run("render", manifest, "--out", outFolder);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("error MF402", stdout);
        Assert.False(Directory.Exists(outFolder));
    }

    [Theory]
    [InlineData("nowhere", "is not in mesh")]
    [InlineData("aws-use1", "runs appmesh, not istio")]
    public void Render_SiteThatIsNotIstio_IsAUsageError(string site, string message)
    {
        var (code, _, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--site", site, "--out", _dir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Render_AppMesh_WritesNumberedCreateInputsForTheAwsSite()
    {
        var (code, stdout, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "appmesh", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["aws-use1"], Directory.GetDirectories(_dir).Select(Path.GetFileName));
        var files = Directory.GetFiles(Path.Combine(_dir, "aws-use1", "api")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal("0000-mesh-shop.json", files[0]);
        Assert.Contains("0010-route-checkout-shop-canary.json", files);
        using var canary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "aws-use1", "api", "0010-route-checkout-shop-canary.json")));
        Assert.Equal("checkout-shop", canary.RootElement.GetProperty("virtualRouterName").GetString());
        var crds = File.ReadAllText(Path.Combine(_dir, "aws-use1", "crds", "kustomization.yaml"));
        Assert.Contains("virtualrouter-shop-checkout.yaml", crds);
        Assert.Contains("mesh-shop.yaml", crds);
        Assert.Contains("aws-use1  appmesh", stdout);
        Assert.Contains("security.allow: App Mesh has no authorization policy", stdout);
    }

    [Fact]
    public void Render_TargetWithoutSites_SaysSoAndWritesNothing()
    {
        var outFolder = Path.Combine(_dir, "out");

        // The demo has one App Mesh site and one Istio site; its gcp-local site alone has no App Mesh.
        var (code, stdout, _) = CliRunner.Run("render", RepoPaths.Of("examples/demo"), "--target", "appmesh", "--site", "gcp-local", "--out", outFolder);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.False(Directory.Exists(outFolder));

        var manifest = Path.Combine(_dir, "istio-only.yaml");
        File.WriteAllText(manifest, File.ReadAllText(RepoPaths.Of("examples/shop/mesh.yaml"))
            .Replace("      mesh: appmesh\n", "      mesh: istio\n")
            .Replace("metrics: [cloudwatch, cloud-monitoring, prometheus]", "metrics: [prometheus]")
            .Replace("traces: [xray, cloud-trace]", "traces: [local]"));
        (code, stdout, _) = CliRunner.Run("render", manifest, "--target", "appmesh", "--out", outFolder);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("mesh 'shop' has no appmesh site", stdout);
        Assert.False(Directory.Exists(outFolder));
    }

    [Fact]
    public void Render_WithoutOut_IsAUsageError()
    {
        var (code, _, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"));

        Assert.Equal(ExitCodes.Usage, code);
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText);
}
