using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>Collects findings so that one fault is reported once, with every path it stops.</summary>
internal sealed class FindingSet
{
    private readonly Dictionary<(string, string, string?, string?, string), Entry> _items = [];
    // The same finding object comes back path after path (a gateway's, one made once per service): found by reference
    // before its key, whose message text would be hashed again every time.
    private readonly Dictionary<AnalysisFinding, Entry> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly List<Entry> _order = [];

    public void Add(AnalysisFinding finding, string? path)
    {
        if (!_byReference.TryGetValue(finding, out var entry))
        {
            var key = (finding.Code, finding.Site, finding.Resource, finding.Service, finding.Message);
            if (!_items.TryGetValue(key, out entry))
            {
                entry = new Entry(finding);
                _items[key] = entry;
                _order.Add(entry);
            }
            _byReference[finding] = entry;
        }
        if (path is not null)
            entry.Add(path);
    }

    /// <summary>Errors first, then in the order found.</summary>
    public IReadOnlyList<AnalysisFinding> All() =>
        [.. _order.Select(e => e.Finding with { Paths = e.Paths })
            .OrderBy(f => f.Severity == Severity.Error ? 0 : 1)];

    /// <summary>A finding and the paths it stops, each once, in the order met.</summary>
    private sealed class Entry(AnalysisFinding finding)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public AnalysisFinding Finding { get; } = finding;

        public List<string> Paths { get; } = [];

        public void Add(string path)
        {
            if (_seen.Add(path))
                Paths.Add(path);
        }
    }
}
