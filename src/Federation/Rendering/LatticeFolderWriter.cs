using System.Text;
using MeshFed.Adapters.Aws.Lattice;

namespace MeshFed.Federation.Rendering;

/// <summary>
/// Writes one VPC Lattice site: <c>api/</c>, one JSON file per API call, numbered in creation order
/// (<c>NNN-&lt;operation&gt;-&lt;name&gt;.json</c>), each valid for <c>aws vpc-lattice &lt;operation&gt; --cli-input-json file://FILE</c>
/// once its placeholders are resolved; and <c>gateway-api/</c>, the same mesh as AWS Gateway API Controller objects for
/// EKS, a kustomize folder (docs/lattice.md).
/// </summary>
public static class LatticeFolderWriter
{
    /// <summary>Writes <paramref name="rendering"/> to <paramref name="siteFolder"/>; returns the file names written under api/.</summary>
    public static IReadOnlyList<string> Write(string siteFolder, LatticeRendering rendering)
    {
        var folder = Path.Combine(siteFolder, "api");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var i = 0; i < rendering.Resources.Count; i++)
        {
            var resource = rendering.Resources[i];
            var name = resource.FileName(i + 1);
            File.WriteAllText(Path.Combine(folder, name), resource.ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            files.Add(name);
        }
        // Files from an earlier render that this one did not write: every numbered *.json here is ours.
        foreach (var stale in Directory.EnumerateFiles(folder, "*.json").Where(f => !files.Contains(Path.GetFileName(f))))
        {
            if (char.IsAsciiDigit(Path.GetFileName(stale)[0]))
                File.Delete(stale);
        }
        // A site that now renders no service still gets its folder emptied of what an earlier render wrote.
        if (rendering.GatewayApi.Count > 0 || Directory.Exists(Path.Combine(siteFolder, "gateway-api")))
            KustomizeFolderWriter.Write(Path.Combine(siteFolder, "gateway-api"), rendering.GatewayApi);
        return files;
    }
}
