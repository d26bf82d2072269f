using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Validation;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Loading;

/// <summary>
/// The one way in: reads a manifest file or folder, merges, binds and validates it, and returns the mesh
/// only when there is no error. Never throws for bad input; every problem is a positioned diagnostic.
/// </summary>
public static class ManifestLoader
{
    /// <summary>Loads a file or a folder of files.</summary>
    public static ManifestLoadResult Load(string path, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var diagnostics = new DiagnosticBag();
        var files = ManifestFiles.Resolve(path, limits, diagnostics);
        var documents = new List<ManifestNode>();
        foreach (var file in files)
        {
            var text = ManifestText.Read(file, limits, diagnostics);
            if (text is not null)
                documents.AddRange(ReadDocuments(text, file, limits, diagnostics));
        }
        return Finish(documents, files, diagnostics);
    }

    /// <summary>
    /// The files <see cref="Load"/> reads for <paramref name="path"/>, in the order it reads them (empty when there
    /// are none); a watcher fingerprints exactly these, so it neither misses a file nor trips on one the loader skips.
    /// </summary>
    public static IReadOnlyList<string> Files(string path, YamlLimits? limits = null) =>
        ManifestFiles.Resolve(path, limits ?? YamlLimits.Default, new DiagnosticBag());

    /// <summary>Loads manifest text that did not come from disk (tests, benchmarks, stdin).</summary>
    public static ManifestLoadResult LoadText(string text, string fileName = "<input>", YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var diagnostics = new DiagnosticBag();
        var documents = System.Text.Encoding.UTF8.GetByteCount(text) > limits.MaxFileBytes
            ? TooLarge(fileName, limits, diagnostics)
            : ReadDocuments(text, fileName, limits, diagnostics);
        return Finish(documents, [fileName], diagnostics);
    }

    private static IReadOnlyList<ManifestNode> TooLarge(string fileName, YamlLimits limits, DiagnosticBag diagnostics)
    {
        diagnostics.Error(DiagnosticCodes.FileTooLarge, "", SourceLocation.WholeFile(fileName),
            $"the manifest is larger than {limits.MaxFileBytes / (1024 * 1024)} MiB", "Split the mesh into several files in one folder.");
        return [];
    }

    private static IReadOnlyList<ManifestNode> ReadDocuments(string text, string file, YamlLimits limits, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.Items.Count;
        var documents = YamlTextReader.Read(text, file, limits, diagnostics);
        if (documents.Count == 0 && diagnostics.Items.Count == errorsBefore)
        {
            diagnostics.Error(DiagnosticCodes.EmptyFile, "", SourceLocation.WholeFile(file), "the file holds no YAML document",
                $"Start it with 'apiVersion: {FederatedMesh.ApiVersion}' and 'kind: {FederatedMesh.Kind}', or remove it.");
        }
        return documents;
    }

    private static ManifestLoadResult Finish(IReadOnlyList<ManifestNode> documents, IReadOnlyList<string> files, DiagnosticBag diagnostics)
    {
        FederatedMesh? mesh = null;
        var kept = documents.Count > 1 ? documents.Where(d => IsMeshDocument(d, diagnostics)).ToList() : documents;
        var merged = DocumentMerger.Merge(kept, diagnostics);
        var sources = new SourceMap(merged);
        if (merged is not null)
        {
            var context = new BindContext(diagnostics, sources);
            mesh = MeshBinder.Bind(context, merged);
            if (mesh is not null)
                MeshValidator.Validate(mesh, sources, diagnostics);
        }
        else if (files.Count > 0 && !diagnostics.HasErrors)
        {
            diagnostics.Error(DiagnosticCodes.EmptyFile, "", SourceLocation.WholeFile(files[0]), "no FederatedMesh document was found");
        }
        return new ManifestLoadResult
        {
            Mesh = diagnostics.HasErrors ? null : mesh,
            Diagnostics = Order(diagnostics.Items, files),
            Files = files,
            Sources = sources,
        };
    }

    /// <summary>In a folder, a document that is not a FederatedMesh is an error rather than part of the merge.</summary>
    private static bool IsMeshDocument(ManifestNode document, DiagnosticBag diagnostics)
    {
        if (document is not MappingNode mapping)
            return true; // The binder reports the shape.
        if (mapping.Find("kind")?.Value is ScalarNode kind && kind.Value != FederatedMesh.Kind)
        {
            diagnostics.Error(DiagnosticCodes.WrongKind, "kind", kind.Location, $"kind '{Scalars.Truncate(kind.Value)}' is not a meshfed manifest",
                $"Every YAML file of the folder must be a {FederatedMesh.Kind}; move other files out of it.");
            return false;
        }
        if (mapping.Find("apiVersion")?.Value is ScalarNode api && api.Value != FederatedMesh.ApiVersion)
        {
            diagnostics.Error(DiagnosticCodes.WrongKind, "apiVersion", api.Location, $"apiVersion '{Scalars.Truncate(api.Value)}' is not supported",
                $"Use 'apiVersion: {FederatedMesh.ApiVersion}'.");
            return false;
        }
        return true;
    }

    /// <summary>File order, then line, then column: the order a person reads the files in.</summary>
    private static List<Diagnostic> Order(IReadOnlyList<Diagnostic> items, IReadOnlyList<string> files)
    {
        var fileRank = files.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i);
        return [.. items
            .Select((d, i) => (d, i))
            .OrderBy(p => p.d.Location is null ? -1 : fileRank.GetValueOrDefault(p.d.Location.File, -1))
            .ThenBy(p => p.d.Location?.Line ?? 0)
            .ThenBy(p => p.d.Location?.Column ?? 0)
            .ThenBy(p => p.i)
            .Select(p => p.d)];
    }
}
