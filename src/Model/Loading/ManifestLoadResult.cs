using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Loading;

/// <summary>What loading a manifest produced: the mesh when it is valid, and every finding either way.</summary>
public sealed record ManifestLoadResult
{
    /// <summary>The validated mesh; null when there is any error.</summary>
    public FederatedMesh? Mesh { get; init; }

    /// <summary>Every error and warning, in file order.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>The files that were read, in merge order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Where each manifest path was written (for tools that report on the mesh later, e.g. render).</summary>
    public required SourceMap Sources { get; init; }

    /// <summary>True when there is no error (warnings allowed).</summary>
    public bool IsValid => Mesh is not null;

    /// <summary>The errors.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
}
