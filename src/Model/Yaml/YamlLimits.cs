namespace MeshFed.Model.Yaml;

/// <summary>
/// Bounds that keep a hostile or accidental input from taking unbounded time or memory.
/// Defaults sit far above any real manifest (a 5,000-service mesh is about 2 MB and 250k nodes).
/// </summary>
public sealed record YamlLimits
{
    /// <summary>The defaults.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>Largest file read, in bytes (16 MiB).</summary>
    public long MaxFileBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists (a manifest needs about 10).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most nodes a document may expand to, counting alias expansions.</summary>
    public long MaxNodes { get; init; } = 4_000_000;

    /// <summary>Most files read from one folder.</summary>
    public int MaxFiles { get; init; } = 2_000;
}
