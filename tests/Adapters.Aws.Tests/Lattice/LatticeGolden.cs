using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Model;
using MeshFed.Model.Benchmarks;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// The golden cases under testdata/lattice: a manifest each (or <c>manifest.path</c> naming a repository folder, for
/// examples), and the Lattice API inputs and diagnostics every VPC Lattice site must get.
/// </summary>
public static class LatticeGolden
{
    public static string Root => RepoPaths.Of("tests/Adapters.Aws.Tests/testdata/lattice");

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    /// <summary>The case's manifest: its manifest.yaml, or the repository folder its manifest.path names.</summary>
    public static FederatedMesh Load(string caseName)
    {
        var folder = Path.Combine(Root, caseName);
        var pointer = Path.Combine(folder, "manifest.path");
        var result = ManifestLoader.Load(File.Exists(pointer) ? RepoPaths.Of(File.ReadAllText(pointer).Trim()) : Path.Combine(folder, "manifest.yaml"));
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Mesh!;
    }

    /// <summary>The meshes the conformance checks render: the golden cases (examples/shop-lattice among them) and random meshes whose AWS sites run Lattice.</summary>
    public static IEnumerable<FederatedMesh> ConformanceMeshes() =>
        Directory.GetDirectories(Root).Order(StringComparer.Ordinal).Select(d => Load(Path.GetFileName(d)))
            .Concat(Enumerable.Range(1, 3).Select(seed => OnLattice(ManifestLoader.LoadText(ManifestGenerator.Generate(40, seed)).Mesh!)));

    private static FederatedMesh OnLattice(FederatedMesh mesh) =>
        mesh with { Sites = [.. mesh.Sites.Select(s => s.Provider == CloudProvider.Aws ? s with { Mesh = MeshKind.VpcLattice } : s)] };

    /// <summary>Every Lattice site's rendering as files: <c>site/api/NNN-operation-name.json</c> (creation order), <c>site/gateway-api/kind-namespace-name.yaml</c> and <c>site/diagnostics.txt</c>.</summary>
    public static SortedDictionary<string, string> Render(FederatedMesh mesh)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in mesh.Sites.Where(LatticeTranslator.Renders))
        {
            var rendering = LatticeTranslator.Translate(mesh, site.Name);
            Assert.Empty(rendering.Errors);
            for (var i = 0; i < rendering.Resources.Count; i++)
                files.Add($"{site.Name}/api/{rendering.Resources[i].FileName(i + 1)}", rendering.Resources[i].ToJson());
            foreach (var resource in rendering.GatewayApi)
                files.Add($"{site.Name}/gateway-api/{resource.FileName}", YamlWriter.Write(resource.ToJson()));
            if (rendering.Diagnostics.Count > 0)
                files.Add($"{site.Name}/diagnostics.txt", string.Join("\n", rendering.Diagnostics) + "\n");
        }
        return files;
    }
}
