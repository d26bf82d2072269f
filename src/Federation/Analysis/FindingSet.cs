using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>Collects findings so that one fault is reported once, with every path it stops.</summary>
internal sealed class FindingSet
{
    private readonly Dictionary<(string, string, string?, string?, string), (AnalysisFinding Finding, List<string> Paths)> _items = [];
    private readonly List<(string, string, string?, string?, string)> _order = [];

    public void Add(AnalysisFinding finding, string? path)
    {
        var key = (finding.Code, finding.Site, finding.Resource, finding.Service, finding.Message);
        if (!_items.TryGetValue(key, out var entry))
        {
            entry = (finding, []);
            _items[key] = entry;
            _order.Add(key);
        }
        if (path is not null && !entry.Paths.Contains(path))
            entry.Paths.Add(path);
    }

    /// <summary>Errors first, then in the order found.</summary>
    public IReadOnlyList<AnalysisFinding> All() =>
        [.. _order.Select(k => _items[k]).Select(e => e.Finding with { Paths = e.Paths })
            .OrderBy(f => f.Severity == Severity.Error ? 0 : 1)];
}
