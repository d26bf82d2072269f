using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Gcp.Tests;

/// <summary>The golden cases under testdata/istio: a manifest each, and what every Istio site must receive.</summary>
public static class IstioGolden
{
    public static string Root => RepoPaths.Of("tests/Adapters.Gcp.Tests/testdata/istio");

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    public static FederatedMesh Load(string manifest)
    {
        var result = ManifestLoader.Load(manifest);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Mesh!;
    }

    /// <summary>Every Istio site's rendering as files: <c>site/kind-namespace-name.yaml</c>, plus <c>site/diagnostics.txt</c> when there are any.</summary>
    public static SortedDictionary<string, string> Render(FederatedMesh mesh, IstioRenderOptions? options = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in mesh.Sites.Where(IstioTranslator.Renders))
        {
            var rendering = IstioTranslator.Translate(mesh, site.Name, options);
            foreach (var resource in rendering.Resources)
                files.Add($"{site.Name}/{resource.FileName}", YamlWriter.Write(resource.ToJson()));
            if (rendering.Diagnostics.Count > 0)
                files.Add($"{site.Name}/diagnostics.txt", string.Join("\n", rendering.Diagnostics) + "\n");
        }
        return files;
    }
}
