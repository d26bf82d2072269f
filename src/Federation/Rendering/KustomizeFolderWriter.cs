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

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="resources"/> to <paramref name="folder"/>; returns the file names written.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<KubernetesObject> resources)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var resource in resources)
        {
            var name = resource.FileName;
            File.WriteAllText(Path.Combine(folder, name), FileText(resource), s_utf8);
            files.Add(name);
        }
        var kustomization = new StringBuilder()
            .Append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        foreach (var file in files)
            kustomization.Append("  - ").Append(file).Append('\n');
        File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), Header + "\n" + kustomization, s_utf8);
        RemoveStale(folder, [.. files, "kustomization.yaml"]);
        return files;
    }

    /// <summary>
    /// The text of <paramref name="resource"/>'s file: the header, then its YAML. <c>--out -</c> streams exactly
    /// these texts, so a stream and a folder of the same rendering hold the same documents.
    /// </summary>
    public static string FileText(KubernetesObject resource) => AppendFileText(new StringBuilder(), resource).ToString();

    /// <summary>Appends <see cref="FileText"/> of <paramref name="resource"/> to <paramref name="builder"/>; returns the builder.</summary>
    public static StringBuilder AppendFileText(StringBuilder builder, KubernetesObject resource)
    {
        builder.Append(Header).Append('\n');
        YamlWriter.Write(builder, resource);
        return builder;
    }

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
