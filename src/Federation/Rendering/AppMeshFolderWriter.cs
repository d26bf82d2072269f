using System.Text;
using System.Text.Json;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Rendering;

/// <summary>
/// Writes one App Mesh site as a folder of Create inputs under <c>api/</c>, one JSON file per resource, each
/// valid for <c>aws appmesh create-&lt;kind&gt; --cli-input-json file://...</c>, numbered in creation order;
/// and the same mesh as App Mesh controller custom resources under <c>crds/</c> (a kustomize folder).
/// </summary>
public static class AppMeshFolderWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="rendering"/> and <paramref name="customResources"/> (its <see cref="AppMeshControllerTranslator"/>
    /// translation) to <paramref name="siteFolder"/>; returns the API input files written.
    /// </summary>
    public static IReadOnlyList<string> Write(string siteFolder, AppMeshRendering rendering, IReadOnlyList<KubernetesObject> customResources)
    {
        KustomizeFolderWriter.Write(Path.Combine(siteFolder, "crds"), customResources);
        var folder = Path.Combine(siteFolder, "api");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var i = 0; i < rendering.Resources.Count; i++)
        {
            var resource = rendering.Resources[i];
            var name = $"{i:D4}-{resource.FileName}";
            var json = resource.CreateInput(rendering.MeshName).ToJsonString(s_json) + "\n";
            File.WriteAllText(Path.Combine(folder, name), json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            files.Add(name);
        }
        // Files from an earlier render that this one did not write: all *.json here are ours (numbered inputs).
        var written = files.ToHashSet(StringComparer.Ordinal); // thousands of files at scale: not a list scan per file
        foreach (var stale in Directory.EnumerateFiles(folder, "*.json").Where(f => !written.Contains(Path.GetFileName(f))))
        {
            if (char.IsAsciiDigit(Path.GetFileName(stale)[0]))
                File.Delete(stale);
        }
        return files;
    }
}
