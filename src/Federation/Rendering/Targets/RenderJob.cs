using MeshFed.Federation.Cli;
using MeshFed.Model;
using MeshFed.Model.Binding;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>What <c>meshfed render</c> hands a target: a valid mesh, the sites to write (all rendered by the target), where and how.</summary>
public sealed record RenderJob
{
    /// <summary>
    /// The translations of the mesh's sites, shared with the analysis gate (which runs before a folder is written, and
    /// beside a stream being made): a target writes these objects rather than translating its sites again.
    /// </summary>
    public required SiteRenderings Renderings { get; init; }

    /// <summary>The valid mesh.</summary>
    public FederatedMesh Mesh => Renderings.Mesh;

    /// <summary>Where each manifest value was written, for errors a target positions in the manifest (limits it cannot render).</summary>
    public required SourceMap Sources { get; init; }

    /// <summary>The sites to write: each rendered by the target; exactly one when streaming.</summary>
    public required IReadOnlyList<Site> Sites { get; init; }

    /// <summary>True when no <c>--site</c> was given, so <see cref="Sites"/> are all of the target's sites.</summary>
    public bool AllSites { get; init; }

    /// <summary>The <c>--out</c> folder (one subfolder per site); unused when streaming.</summary>
    public required string OutFolder { get; init; }

    /// <summary>Where to print.</summary>
    public required CliOutput Output { get; init; }

    /// <summary>Ctrl+C: a target stops between sites, so every site folder is either written whole or left as it was.</summary>
    public CancellationToken CancellationToken { get; init; }
}
