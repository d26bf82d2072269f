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
        : this(entries, location.File, location.Line, location.Column)
    {
    }

    internal MappingNode(IReadOnlyList<MappingEntry> entries, string file, int line, int column)
        : base(file, line, column)
    {
        Entries = entries;
        long size = 1;
        var height = 0;
        foreach (var entry in entries)
        {
            size = SaturatingAdd(SaturatingAdd(size, 1), entry.Value.ExpandedSize); // the key, then the value
            height = Math.Max(height, entry.Value.Height);
        }
        ExpandedSize = size;
        Height = 1 + height;
        if (entries.Count > IndexThreshold)
        {
            _byKey = new Dictionary<string, MappingEntry>(entries.Count, StringComparer.Ordinal);
            foreach (var entry in entries)
                _byKey.TryAdd(entry.Key.Value, entry);
        }
    }

    /// <summary>The pairs in document order.</summary>
    public IReadOnlyList<MappingEntry> Entries { get; }

    /// <inheritdoc />
    public override long ExpandedSize { get; }

    /// <inheritdoc />
    public override int Height { get; }

    /// <summary>The entry for a key, or null.</summary>
    public MappingEntry? Find(string key)
    {
        if (_byKey is not null)
            return _byKey.TryGetValue(key, out var indexed) ? indexed : null; // not GetValueOrDefault: a default pair is not "none"
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                return entry;
        }
        return null;
    }

    /// <inheritdoc />
    public override string Describe() => "a mapping";
}
