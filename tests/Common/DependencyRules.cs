using System.Xml.Linq;

namespace MeshFed.Tests.Shared;

/// <summary>
/// The layering of ARCHITECTURE.md, checked from the project files: Model depends on none of ours, Telemetry
/// (what every exporter shares) on Model only, adapters and the gateway on Model and Telemetry only, and only
/// Federation knows them all. Test projects reference the src project they test and tests/Common, and share no
/// source by link.
/// </summary>
public static class DependencyRules
{
    /// <summary>Which of our projects each src project may reference.</summary>
    public static IReadOnlyDictionary<string, string[]> Allowed { get; } = new Dictionary<string, string[]>
    {
        ["Model"] = [],
        ["Telemetry"] = ["Model"],
        ["Adapters.Aws"] = ["Model", "Telemetry"],
        ["Adapters.Gcp"] = ["Model", "Telemetry"],
        ["Gateway"] = ["Model", "Telemetry"],
        ["Federation"] = ["Model", "Telemetry", "Adapters.Aws", "Adapters.Gcp", "Gateway"],
    };

    /// <summary>The src folders a project references (ProjectReference items).</summary>
    public static IReadOnlyList<string> ReferencesOf(string srcFolder)
    {
        var project = Directory.GetFiles(RepoPaths.Of($"src/{srcFolder}"), "*.csproj").Single();
        return [.. XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => (string)r.Attribute("Include")!)
            .Select(include => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)))!))];
    }

    /// <summary>References of <paramref name="srcFolder"/> that break the layering.</summary>
    public static IReadOnlyList<string> Violations(string srcFolder) =>
        [.. ReferencesOf(srcFolder).Where(r => !Allowed[srcFolder].Contains(r))];

    /// <summary>
    /// Which projects each test project (a folder under tests/) may reference, as repo-relative folders, besides
    /// tests/Common, which tests/Directory.Build.props gives every test project. Gateway.Tests still starts its
    /// loopback federations through Federation's LocalFederation (`meshfed up`).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> AllowedForTests { get; } = new Dictionary<string, string[]>
    {
        ["Common"] = ["src/Model", "src/Adapters.Aws"],
        ["Model.Tests"] = ["src/Model"],
        ["Adapters.Aws.Tests"] = ["src/Adapters.Aws"],
        ["Adapters.Gcp.Tests"] = ["src/Adapters.Gcp"],
        ["Gateway.Tests"] = ["src/Gateway", "src/Federation"],
        ["Federation.Tests"] = ["src/Federation"],
        ["Telemetry.Tests"] = ["src/Telemetry"],
    };

    /// <summary>The projects a test project's file references, as repo-relative folders (e.g. "src/Model").</summary>
    public static IReadOnlyList<string> TestReferencesOf(string testFolder) =>
        [.. ProjectItems(TestProject(testFolder), "ProjectReference").Select(RepoFolderOf)];

    /// <summary>The projects tests/Directory.Build.props makes every test project (not tests/Common) reference.</summary>
    public static IReadOnlyList<string> InheritedTestReferences() =>
        [.. ProjectItems(RepoPaths.Of("tests/Directory.Build.props"), "ProjectReference").Select(RepoFolderOf)];

    /// <summary>Every test project reference that breaks the layering: those of the project file and of tests/Directory.Build.props.</summary>
    public static IReadOnlyList<string> TestViolations(string testFolder)
    {
        var inherited = testFolder == "Common" ? [] : InheritedTestReferences();
        return [.. TestReferencesOf(testFolder).Concat(inherited)
            .Where(r => r != "tests/Common" && !AllowedForTests[testFolder].Contains(r))];
    }

    /// <summary>
    /// Source files a test project compiles from outside its own folder (Compile items with a path that leaves it):
    /// shared code belongs in tests/Common, where the project references show it.
    /// </summary>
    public static IReadOnlyList<string> LinkedSources(string testFolder) =>
        [.. ProjectItems(TestProject(testFolder), "Compile").Concat(ProjectItems(RepoPaths.Of("tests/Directory.Build.props"), "Compile"))
            .Where(item => item.Include.Contains("..", StringComparison.Ordinal) || item.Include.Contains("$(", StringComparison.Ordinal))
            .Select(item => item.Include)];

    private static string TestProject(string testFolder) =>
        Directory.GetFiles(RepoPaths.Of($"tests/{testFolder}"), "*.csproj").Single();

    private static IEnumerable<(string File, string Include)> ProjectItems(string file, string itemName) =>
        XDocument.Load(file).Descendants(itemName)
            .Select(item => (string?)item.Attribute("Include"))
            .OfType<string>()
            .Select(include => (file, include));

    private static string RepoFolderOf((string File, string Include) reference)
    {
        var include = reference.Include.Replace("$(MSBuildThisFileDirectory)", "", StringComparison.Ordinal);
        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(reference.File)!, include));
        return Path.GetRelativePath(RepoPaths.Root, Path.GetDirectoryName(full)!).Replace(Path.DirectorySeparatorChar, '/');
    }
}
