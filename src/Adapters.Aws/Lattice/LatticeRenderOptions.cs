using MeshFed.Model.Binding;

namespace MeshFed.Adapters.Aws.Lattice;

/// <summary>Settings of a Lattice render that are not in the mesh.</summary>
public sealed record LatticeRenderOptions
{
    /// <summary>Defaults: no source map (limit errors then name the entity instead of a file position).</summary>
    public static LatticeRenderOptions Default { get; } = new();

    /// <summary>Where the manifest's entities are, so that limit errors point at the line to change.</summary>
    public SourceMap? Sources { get; init; }
}
