using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Loading;

/// <summary>Finds the manifest files a path names: the file itself, or every *.yaml/*.yml below a folder.</summary>
internal static class ManifestFiles
{
    public static IReadOnlyList<string> Resolve(string path, YamlLimits limits, DiagnosticBag diagnostics)
    {
        if (File.Exists(path))
            return [path];
        if (!Directory.Exists(path))
        {
            diagnostics.Error(DiagnosticCodes.PathNotFound, "", SourceLocation.WholeFile(path), "no such file or folder",
                "Check the path; give a manifest file or a folder of *.yaml files.");
            return [];
        }
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
            MatchCasing = MatchCasing.CaseInsensitive,
        };
        var files = Directory.EnumerateFiles(path, "*", options)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !IsUnderHiddenFolder(Path.GetRelativePath(path, f)))
            .Take(limits.MaxFiles + 1)
            .ToList();
        if (files.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.NoManifests, "", SourceLocation.WholeFile(path), "the folder holds no manifest (*.yaml or *.yml)",
                "Put the FederatedMesh manifest in this folder, or name the manifest file itself.");
            return [];
        }
        if (files.Count > limits.MaxFiles)
        {
            diagnostics.Error(DiagnosticCodes.NoManifests, "", SourceLocation.WholeFile(path), $"the folder holds more than {limits.MaxFiles} manifest files",
                "Point at the folder of this mesh only.");
            return [];
        }
        // Ordinal order makes the merge, and so every output, the same on every machine.
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static bool IsUnderHiddenFolder(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(part => part.StartsWith('.'));
}
