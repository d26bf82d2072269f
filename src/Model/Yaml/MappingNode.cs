using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>A mapping whose keys are unique strings, in the order they were written.</summary>
public sealed class MappingNode : ManifestNode
{
    // Most manifest mappings have a handful of keys: a linear scan beats building a dictionary for each.
    private const int IndexThreshold = 12;
    private readonly Dictionary<string, MappingEntry>? _byKey;

    /// <summary>Creates a mapping; the caller guarantees that keys are unique.</summary>
    public MappingNode(IReadOnlyList<MappingEntry> entries, SourceLocation location)
        : base(location, SumSizes(entries), 1 + MaxHeight(entries))
    {
        Entries = entries;
        if (entries.Count > IndexThreshold)
        {
            _byKey = new Dictionary<string, MappingEntry>(entries.Count, StringComparer.Ordinal);
            foreach (var entry in entries)
                _byKey.TryAdd(entry.Key.Value, entry);
        }
    }

    /// <summary>The pairs in document order.</summary>
    public IReadOnlyList<MappingEntry> Entries { get; }

    /// <summary>The entry for a key, or null.</summary>
    public MappingEntry? Find(string key)
    {
        if (_byKey is not null)
            return _byKey.GetValueOrDefault(key);
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                return entry;
        }
        return null;
    }

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

    private static int MaxHeight(IReadOnlyList<MappingEntry> entries)
    {
        var max = 0;
        foreach (var entry in entries)
            max = Math.Max(max, entry.Value.Height);
        return max;
    }

    internal static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
