using System.Text.Json;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>The golden cases under testdata/appmesh: a manifest each, and the Create inputs every App Mesh site must receive.</summary>
public static class AppMeshGolden
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static string Root => RepoPaths.Of("tests/Adapters.Aws.Tests/testdata/appmesh");

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    public static FederatedMesh Load(string manifest)
    {
        var result = ManifestLoader.Load(manifest);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Mesh!;
    }

    /// <summary>Every App Mesh site's rendering as files: <c>site/NNNN-kind-name.json</c> (creation order), <c>site/crds/*.yaml</c>, plus diagnostics.</summary>
    public static SortedDictionary<string, string> Render(FederatedMesh mesh)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in mesh.Sites.Where(AppMeshTranslator.Renders))
        {
            var rendering = AppMeshTranslator.Translate(mesh, site.Name);
            for (var i = 0; i < rendering.Resources.Count; i++)
            {
                var resource = rendering.Resources[i];
                files.Add($"{site.Name}/{i:D4}-{resource.FileName}", resource.CreateInput(rendering.MeshName).ToJsonString(s_json) + "\n");
            }
            foreach (var resource in AppMeshControllerTranslator.Translate(rendering))
                files.Add($"{site.Name}/crds/{resource.FileName}", YamlWriter.Write(resource.ToJson()));
            if (rendering.Diagnostics.Count > 0)
                files.Add($"{site.Name}/diagnostics.txt", string.Join("\n", rendering.Diagnostics) + "\n");
        }
        return files;
    }
}
