using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>A mapping whose keys are unique strings, in the order they were written.</summary>
public sealed class MappingNode : ManifestNode
{
    private readonly Dictionary<string, MappingEntry> _byKey;

    /// <summary>Creates a mapping; the caller guarantees that keys are unique.</summary>
    public MappingNode(IReadOnlyList<MappingEntry> entries, SourceLocation location)
        : base(location, SumSizes(entries), entries.Count == 0 ? 1 : 1 + entries.Max(e => e.Value.Height))
    {
        Entries = entries;
        _byKey = new Dictionary<string, MappingEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _byKey.TryAdd(entry.Key.Value, entry);
        }
    }

    /// <summary>The pairs in document order.</summary>
    public IReadOnlyList<MappingEntry> Entries { get; }

    /// <summary>The entry for a key, or null.</summary>
    public MappingEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public override string Describe() => "a mapping";

    private static long SumSizes(IReadOnlyList<MappingEntry> entries)
    {
        long size = 1;
        foreach (var entry in entries)
        {
            size = SaturatingAdd(size, 1 + entry.Value.ExpandedSize);
        }
        return size;
    }

    internal static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
