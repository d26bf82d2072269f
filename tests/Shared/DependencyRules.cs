using System.Xml.Linq;

namespace MeshFed.Tests.Shared;

/// <summary>
/// The layering of ARCHITECTURE.md, checked from the project files: Model depends on none of ours, Telemetry
/// (what every exporter shares) on Model only, adapters and the gateway on Model and Telemetry only, and only
/// Federation knows them all.
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
}
