namespace MeshFed.Model.Diagnostics;

/// <summary>
/// Collects findings while a manifest is read and checked. Nothing stops at the first error: every stage
/// adds what it finds and the caller decides at the boundary.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>All findings in the order they were added.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when at least one finding is an error.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Adds a finding.</summary>
    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        HasErrors |= diagnostic.Severity == Severity.Error;
    }

    /// <summary>Adds an error.</summary>
    public void Error(string code, string path, SourceLocation? location, string message, string? hint = null) =>
        Add(new Diagnostic { Severity = Severity.Error, Code = code, Path = path, Location = location, Message = message, Hint = hint });

    /// <summary>Adds a warning.</summary>
    public void Warning(string code, string path, SourceLocation? location, string message, string? hint = null) =>
        Add(new Diagnostic { Severity = Severity.Warning, Code = code, Path = path, Location = location, Message = message, Hint = hint });
}
