using MeshFed.Federation.Output;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Cli;

/// <summary>The first step of every command that acts on a manifest: load it, and refuse to go on if it is invalid.</summary>
internal static class ManifestInput
{
    /// <summary>The valid mesh, or null after printing every error (the exit code is then <see cref="ExitCodes.InvalidInput"/>).</summary>
    public static FederatedMesh? LoadOrReport(string path, CliOutput output) => LoadWithSourcesOrReport(path, output)?.Mesh;

    /// <summary>
    /// The load of a valid manifest (its <see cref="ManifestLoadResult.Mesh"/> set, with the source positions renderers
    /// cite), its warnings printed; or null after printing every error.
    /// </summary>
    public static ManifestLoadResult? LoadWithSourcesOrReport(string path, CliOutput output)
    {
        var loaded = ManifestLoader.Load(path);
        if (loaded.Mesh is null)
        {
            ValidationReport.WriteText(path, loaded, output.Out);
            return null;
        }
        foreach (var warning in loaded.Warnings)
            output.Error.WriteLine(warning);
        return loaded;
    }

    /// <summary>The names of every site, or of the one <paramref name="name"/> gives; null after saying which sites there are.</summary>
    public static IReadOnlyList<string>? SitesOrReport(FederatedMesh mesh, string? name, CliOutput output) =>
        name is null ? [.. mesh.Sites.Select(s => s.Name)] : FindSiteOrReport(mesh, name, output) is null ? null : [name];

    /// <summary>The named site, or null after saying which sites there are.</summary>
    public static Site? FindSiteOrReport(FederatedMesh mesh, string name, CliOutput output)
    {
        var site = mesh.FindSite(name);
        if (site is null)
            output.Error.WriteLine($"meshfed: site '{name}' is not in mesh '{mesh.Name}'; its sites: {string.Join(", ", mesh.Sites.Select(s => s.Name))}");
        return site;
    }
}
