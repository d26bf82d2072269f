using System.Text;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Rendering;

/// <summary>
/// Writes one site's resources as a kustomize-ready folder: one file per resource and a kustomization.yaml
/// listing them. Files a previous render wrote and this one does not are removed, so the folder always
/// equals the rendering (GitOps tools then prune what disappeared).
/// </summary>
public static class KustomizeFolderWriter
{
    /// <summary>First line of every file meshfed writes; only such files are ever removed.</summary>
    public const string Header = "# Rendered by meshfed from the mesh manifest. Do not edit: change the manifest and render again.";

    /// <summary>Writes <paramref name="resources"/> to <paramref name="folder"/>; returns the file names written.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<KubernetesObject> resources)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var resource in resources)
        {
            var name = resource.FileName;
            WriteFile(Path.Combine(folder, name), YamlWriter.Write(resource.ToJson()));
            files.Add(name);
        }
        var kustomization = new StringBuilder()
            .Append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        foreach (var file in files)
            kustomization.Append("  - ").Append(file).Append('\n');
        WriteFile(Path.Combine(folder, "kustomization.yaml"), kustomization.ToString());
        RemoveStale(folder, [.. files, "kustomization.yaml"]);
        return files;
    }

    private static void WriteFile(string path, string body) =>
        File.WriteAllText(path, Header + "\n" + body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static void RemoveStale(string folder, HashSet<string> keep)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml"))
        {
            if (keep.Contains(Path.GetFileName(file)))
                continue;
            using (var reader = new StreamReader(file))
            {
                if (reader.ReadLine() != Header)
                    continue; // not ours: never touch a user's file
            }
            File.Delete(file);
        }
    }
}
