using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>
/// A YAML node that remembers where it came from. The loader keeps its own small tree (instead of
/// YamlDotNet's representation model) so that every node has a position, duplicate keys and alias
/// expansion are under our control, and files of a folder can be merged without losing positions.
/// </summary>
public abstract class ManifestNode
{
    private protected ManifestNode(SourceLocation location, long expandedSize, int height)
    {
        Location = location;
        ExpandedSize = expandedSize;
        Height = height;
    }

    /// <summary>Where the node starts in its file.</summary>
    public SourceLocation Location { get; }

    /// <summary>How many nodes a full walk visits, counting every alias expansion (guards against alias bombs).</summary>
    public long ExpandedSize { get; }

    /// <summary>How many levels of collections lie below this node (0 for a scalar).</summary>
    public int Height { get; }

    /// <summary>A short word for messages: "a mapping", "a list", "a string", ...</summary>
    public abstract string Describe();
}
