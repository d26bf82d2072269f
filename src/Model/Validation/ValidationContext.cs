using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>What every facet validator gets: the mesh, where things were written, where findings go.</summary>
public sealed class ValidationContext
{
    private readonly DiagnosticBag _diagnostics;
    private readonly List<string> _bindingErrorPaths;

    internal ValidationContext(FederatedMesh mesh, SourceMap sources, DiagnosticBag diagnostics)
    {
        Mesh = mesh;
        Sources = sources;
        _diagnostics = diagnostics;
        _bindingErrorPaths = [.. diagnostics.Items.Where(d => d.Severity == Severity.Error).Select(d => d.Path)];
        SitesByName = mesh.Sites.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>
    /// True when a site failed to bind (e.g. its name is invalid). References to sites are then not
    /// checked: "site 'x' is not declared" would only repeat the error at the site itself.
    /// </summary>
    public bool SitesIncomplete => !IsClean("spec.sites");

    /// <summary>True when a service failed to bind; references to services are then not checked.</summary>
    public bool ServicesIncomplete => !IsClean("spec.services");

    /// <summary>The mesh as bound (possibly partial when binding found errors).</summary>
    public FederatedMesh Mesh { get; }

    /// <summary>Where each path was written.</summary>
    public SourceMap Sources { get; }

    /// <summary>Declared sites by name (the first of duplicates).</summary>
    public IReadOnlyDictionary<string, Site> SitesByName { get; }

    /// <summary>
    /// False when binding already reported an error at or below <paramref name="path"/>. Validators skip
    /// such places so one typo does not produce a cascade of findings that all mean the same thing.
    /// </summary>
    public bool IsClean(string path) => !_bindingErrorPaths.Any(p => p.StartsWith(path, StringComparison.Ordinal)
        && (p.Length == path.Length || p[path.Length] is '.' or '['));

    /// <summary>Reports an error at <paramref name="path"/>.</summary>
    public void Error(string code, string path, string message, string? hint = null) =>
        _diagnostics.Error(code, path, Sources.Locate(path), message, hint);

    /// <summary>Reports a warning at <paramref name="path"/>.</summary>
    public void Warning(string code, string path, string message, string? hint = null) =>
        _diagnostics.Warning(code, path, Sources.Locate(path), message, hint);

    /// <summary>The path of a service.</summary>
    public static string ServicePath(int index) => $"spec.services[{index}]";

    /// <summary>The path of a site.</summary>
    public static string SitePath(int index) => $"spec.sites[{index}]";
}
