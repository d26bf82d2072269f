using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Yaml;

/// <summary>
/// A YAML node that remembers where it came from. The loader keeps its own small tree (instead of
/// YamlDotNet's representation model) so that every node has a position, duplicate keys and alias
/// expansion are under our control, and files of a folder can be merged without losing positions.
/// </summary>
/// <remarks>
/// The position is held as its parts and <see cref="Location"/> made when asked for: the tree lives through the
/// whole command (positions are looked up when a finding is reported), and at 10,000 services a location object
/// per node was 1.3 million of the 4 million objects every collection of the load copied (bench/README.md,
/// "Seventh session").
/// </remarks>
public abstract class ManifestNode
{
    private readonly string _file;
    private readonly int _line;
    private readonly int _column;

    private protected ManifestNode(SourceLocation location)
        : this(location.File, location.Line, location.Column)
    {
    }

    private protected ManifestNode(string file, int line, int column)
    {
        _file = file;
        _line = line;
        _column = column;
    }

    /// <summary>Where the node starts in its file.</summary>
    public SourceLocation Location => new(_file, _line, _column);

    /// <summary>How many nodes a full walk visits, counting every alias expansion (guards against alias bombs).</summary>
    public abstract long ExpandedSize { get; }

    /// <summary>How many levels of collections lie below this node (0 for a scalar).</summary>
    public abstract int Height { get; }

    /// <summary>A short word for messages: "a mapping", "a list", "a string", ...</summary>
    public abstract string Describe();

    /// <summary>The sum of two sizes, or <see cref="long.MaxValue"/> when it would overflow.</summary>
    internal static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
