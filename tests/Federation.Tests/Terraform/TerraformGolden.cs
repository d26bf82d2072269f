using MeshFed.Federation.Rendering;
using MeshFed.Federation.Terraform;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The golden cases under testdata/terraform: a folder each, with its manifest (<c>manifest.yaml</c>, or for a
/// case named after an example, <c>examples/&lt;name&gt;</c>) and the inputs every site must receive.
/// </summary>
internal static class TerraformGolden
{
    public static string Root => RepoPaths.Of("tests/Federation.Tests/testdata/terraform");

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    public static string ManifestOf(string name)
    {
        var own = Path.Combine(Root, name, "manifest.yaml");
        return File.Exists(own) ? own : RepoPaths.Of($"examples/{name}");
    }

    public static FederatedMesh Load(string manifest)
    {
        var result = ManifestLoader.Load(manifest);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Mesh!;
    }

    /// <summary>Every site's <c>site/terraform.tfvars.json</c>, and <c>diagnostics.txt</c> when there are any.</summary>
    public static SortedDictionary<string, string> Render(FederatedMesh mesh)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var diagnostics = new List<TerraformDiagnostic>();
        foreach (var site in mesh.Sites.Where(TerraformInputsTranslator.Renders))
        {
            var (inputs, found) = TerraformInputsTranslator.Translate(mesh, site.Name);
            files.Add($"{site.Name}/{TerraformVarsWriter.FileName}", TerraformVarsWriter.Text(inputs));
            diagnostics.AddRange(found);
        }
        if (diagnostics.Count > 0)
            files.Add("diagnostics.txt", string.Concat(diagnostics.Select(d => d + "\n")));
        return files;
    }
}
