using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>A list of nodes.</summary>
public sealed class SequenceNode : ManifestNode
{
    /// <summary>Creates a list.</summary>
    public SequenceNode(IReadOnlyList<ManifestNode> items, SourceLocation location)
        : this(items, location.File, location.Line, location.Column)
    {
    }

    internal SequenceNode(IReadOnlyList<ManifestNode> items, string file, int line, int column)
        : base(file, line, column)
    {
        Items = items;
        long size = 1;
        var height = 0;
        foreach (var item in items)
        {
            size = SaturatingAdd(size, item.ExpandedSize);
            height = Math.Max(height, item.Height);
        }
        ExpandedSize = size;
        Height = 1 + height;
    }

    /// <summary>The items in document order.</summary>
    public IReadOnlyList<ManifestNode> Items { get; }

    /// <inheritdoc />
    public override long ExpandedSize { get; }

    /// <inheritdoc />
    public override int Height { get; }

    /// <inheritdoc />
    public override string Describe() => "a list";
}
