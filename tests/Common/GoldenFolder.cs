namespace MeshFed.Tests.Shared;

/// <summary>
/// Golden-file comparison: a rendering (relative path → text) must equal an expected/ folder byte for byte.
/// With MESHFED_UPDATE_GOLDEN=1 the folder is rewritten first; review that diff like code.
/// </summary>
public static class GoldenFolder
{
    /// <summary>Asserts that <paramref name="actual"/> equals the files under <paramref name="expectedFolder"/>.</summary>
    public static void AssertMatches(string expectedFolder, IReadOnlyDictionary<string, string> actual, string caseName)
    {
        if (Environment.GetEnvironmentVariable("MESHFED_UPDATE_GOLDEN") == "1")
            Update(expectedFolder, actual);
        var expected = Directory.Exists(expectedFolder)
            ? Directory.EnumerateFiles(expectedFolder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(expectedFolder, f).Replace('\\', '/'), File.ReadAllText)
            : [];
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, text) in actual)
            Assert.True(expected[file] == text, $"{caseName}/{file} differs:\n--- expected\n{expected[file]}\n--- actual\n{text}");
    }

    private static void Update(string expectedFolder, IReadOnlyDictionary<string, string> actual)
    {
        if (Directory.Exists(expectedFolder))
            Directory.Delete(expectedFolder, recursive: true);
        foreach (var (file, text) in actual)
        {
            var path = Path.Combine(expectedFolder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
