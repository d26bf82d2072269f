using MeshFed.Tests.Shared;

namespace MeshFed.Model.Tests;

/// <summary>The manifests tests run against: the examples and the invalid corpus under testdata/invalid.</summary>
public static class Corpus
{
    /// <summary>Every YAML file of every example.</summary>
    public static IEnumerable<string> ExampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.Of("examples"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Every example (a folder is one manifest).</summary>
    public static IEnumerable<string> Examples() =>
        Directory.EnumerateDirectories(RepoPaths.Of("examples")).Order(StringComparer.Ordinal);

    /// <summary>Invalid manifests; the first line says "schema" (structural) or "semantic", the second what to expect.</summary>
    public static IEnumerable<InvalidCase> Invalid() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "invalid"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(InvalidCase.Read);

    public static TheoryData<string> ExampleData() => [.. Examples().Select(e => Path.GetFileName(e))];

    public static TheoryData<string> ExampleFileData() => [.. ExampleFiles().Select(f => Path.GetRelativePath(RepoPaths.Root, f))];

    public static TheoryData<string> InvalidData() => [.. Invalid().Select(c => c.Name)];
}

/// <summary>One invalid manifest and the errors (code@line:column) the loader must report.</summary>
public sealed record InvalidCase(string Name, string Path, bool Structural, IReadOnlyList<string> Expected)
{
    public static InvalidCase Read(string path)
    {
        var lines = File.ReadLines(path).Take(2).ToArray();
        var expected = lines[1].Replace("# expect:", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new InvalidCase(System.IO.Path.GetFileNameWithoutExtension(path), path, lines[0].Trim() == "# schema", expected);
    }

    public static InvalidCase Named(string name) => Corpus.Invalid().Single(c => c.Name == name);
}
