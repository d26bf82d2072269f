using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>A list of nodes.</summary>
public sealed class SequenceNode : ManifestNode
{
    /// <summary>Creates a list.</summary>
    public SequenceNode(IReadOnlyList<ManifestNode> items, SourceLocation location)
        : base(location, SumSizes(items), items.Count == 0 ? 1 : 1 + items.Max(i => i.Height))
    {
        Items = items;
    }

    /// <summary>The items in document order.</summary>
    public IReadOnlyList<ManifestNode> Items { get; }

    /// <inheritdoc />
    public override string Describe() => "a list";

    private static long SumSizes(IReadOnlyList<ManifestNode> items)
    {
        long size = 1;
        foreach (var item in items)
        {
            size = MappingNode.SaturatingAdd(size, item.ExpandedSize);
        }
        return size;
    }
}
