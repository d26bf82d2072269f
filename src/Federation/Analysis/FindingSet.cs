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
                // Only the object kept: a later copy of it (a finding made again for another path) is found by its
                // key and then dropped, not held to the end.
                _byReference[finding] = entry;
            }
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
        // Most findings stop no path or one; the set is made once there are more, for those that stop thousands.
        private HashSet<string>? _seen;

        public AnalysisFinding Finding { get; } = finding;

        public List<string> Paths { get; } = [];

        public void Add(string path)
        {
            if (Paths.Count == 0)
            {
                Paths.Add(path);
                return;
            }
            _seen ??= new HashSet<string>(Paths, StringComparer.Ordinal);
            if (_seen.Add(path))
                Paths.Add(path);
        }
    }
}
