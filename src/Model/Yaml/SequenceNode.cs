using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>A list of nodes.</summary>
public sealed class SequenceNode : ManifestNode
{
    /// <summary>Creates a list.</summary>
    public SequenceNode(IReadOnlyList<ManifestNode> items, SourceLocation location)
        : base(location, SumSizes(items), 1 + MaxHeight(items))
    {
        Items = items;
    }

    /// <summary>The items in document order.</summary>
    public IReadOnlyList<ManifestNode> Items { get; }

    /// <inheritdoc />
    public override string Describe() => "a list";

    private static int MaxHeight(IReadOnlyList<ManifestNode> items)
    {
        var max = 0;
        foreach (var item in items)
            max = Math.Max(max, item.Height);
        return max;
    }

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
