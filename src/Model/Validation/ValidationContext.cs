using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>What every facet validator gets: the mesh, where things were written, where findings go.</summary>
public sealed class ValidationContext
{
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<string> _pathsWithBindingErrors;
    private int _suggestionBudget = 100;

    internal ValidationContext(FederatedMesh mesh, SourceMap sources, DiagnosticBag diagnostics)
    {
        Mesh = mesh;
        Sources = sources;
        _diagnostics = diagnostics;
        _pathsWithBindingErrors = PathsAndAncestors(diagnostics.Items.Where(d => d.Severity == Severity.Error).Select(d => d.Path));
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
    public bool IsClean(string path) => _pathsWithBindingErrors.Count == 0 || !_pathsWithBindingErrors.Contains(path);

    /// <summary>Reports an error at <paramref name="path"/>.</summary>
    public void Error(string code, string path, string message, string? hint = null) =>
        _diagnostics.Error(code, path, Sources.Locate(path), message, hint);

    /// <summary>Reports a warning at <paramref name="path"/>.</summary>
    public void Warning(string code, string path, string message, string? hint = null) =>
        _diagnostics.Warning(code, path, Sources.Locate(path), message, hint);

    /// <summary>Every error path and each of its ancestors, so <see cref="IsClean"/> is one lookup.</summary>
    private static HashSet<string> PathsAndAncestors(IEnumerable<string> paths)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var end = path.Length; end > 0; end = Math.Max(path.LastIndexOf('.', end - 1), path.LastIndexOf('[', end - 1)))
            {
                if (!set.Add(path[..end]))
                    break; // its ancestors are in already
            }
        }
        return set;
    }

    /// <summary>
    /// True while "did you mean" look-ups are still affordable. Each compares a word with every candidate;
    /// a manifest with thousands of bad references gets suggestions for the first ones only, so the time
    /// to report stays bounded.
    /// </summary>
    public bool TrySpendSuggestion() => _suggestionBudget-- > 0;
}
