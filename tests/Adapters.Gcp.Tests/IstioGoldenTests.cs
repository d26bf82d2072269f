using MeshFed.Adapters.Gcp.Istio;

namespace MeshFed.Adapters.Gcp.Tests;

/// <summary>
/// Golden-file tests: each case's rendering must equal its expected/ folder byte for byte. After an
/// intended change, regenerate with MESHFED_UPDATE_GOLDEN=1 ./test.sh and review the diff like code.
/// </summary>
public class IstioGoldenTests
{
    [Theory]
    [MemberData(nameof(IstioGolden.Cases), MemberType = typeof(IstioGolden))]
    public void Render_Case_MatchesExpectedFiles(string name)
    {
        var folder = Path.Combine(IstioGolden.Root, name);
        var actual = IstioGolden.Render(IstioGolden.Load(Path.Combine(folder, "manifest.yaml")));
        var expectedFolder = Path.Combine(folder, "expected");
        if (Environment.GetEnvironmentVariable("MESHFED_UPDATE_GOLDEN") == "1")
            Update(expectedFolder, actual);

        var expected = Directory.Exists(expectedFolder)
            ? Directory.EnumerateFiles(expectedFolder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(expectedFolder, f).Replace('\\', '/'), File.ReadAllText)
            : [];
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys);
        foreach (var (file, text) in actual)
            Assert.True(expected[file] == text, $"{name}/{file} differs:\n--- expected\n{expected[file]}\n--- actual\n{text}");
    }

    [Fact]
    public void Render_SameMeshTwice_SameBytes()
    {
        var mesh = IstioGolden.Load(Path.Combine(IstioGolden.Root, "mixed-split", "manifest.yaml"));

        Assert.Equal(IstioGolden.Render(mesh), IstioGolden.Render(mesh));
    }

    [Fact]
    public void Render_CloudServiceMeshProfile_ExplainsFailover()
    {
        var mesh = IstioGolden.Load(Path.Combine(IstioGolden.Root, "failover", "manifest.yaml"));

        var rendering = IstioTranslator.Translate(mesh, "gke", new IstioRenderOptions { Profile = IstioProfile.CloudServiceMesh });

        Assert.Equal(IstioProfile.CloudServiceMesh, rendering.Profile);
        var diagnostic = Assert.Single(rendering.Diagnostics);
        Assert.Equal("traffic.failover", diagnostic.Concept);
        Assert.Contains("Cloud Service Mesh rejects localityLbSetting", diagnostic.Message);
        Assert.DoesNotContain(rendering.Resources, r => r.Spec.ToJsonString().Contains("localityLbSetting"));
    }

    [Fact]
    public void Render_EveryResource_IsLabelledAsOwnedByTheMesh()
    {
        foreach (var name in IstioGolden.Cases())
        {
            var mesh = IstioGolden.Load(Path.Combine(IstioGolden.Root, name, "manifest.yaml"));
            foreach (var site in mesh.Sites.Where(IstioTranslator.Renders))
            {
                Assert.All(IstioTranslator.Translate(mesh, site.Name).Resources, r =>
                {
                    Assert.Contains(new KeyValuePair<string, string>("app.kubernetes.io/managed-by", "meshfed"), r.Labels);
                    Assert.Contains(new KeyValuePair<string, string>("meshfed.dev/mesh", mesh.Name), r.Labels);
                    Assert.Contains(new KeyValuePair<string, string>("meshfed.dev/site", site.Name), r.Labels);
                });
            }
        }
    }

    private static void Update(string expectedFolder, IReadOnlyDictionary<string, string> actual)
    {
        if (Directory.Exists(expectedFolder))
            Directory.Delete(expectedFolder, recursive: true);
        foreach (var (file, text) in actual)
        {
            var path = Path.Combine(expectedFolder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
