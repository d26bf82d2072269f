using MeshFed.Model;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>
/// One <c>meshfed render --target NAME</c>: which sites it renders and how it writes them. Targets are chosen
/// by name from <see cref="RenderTargets"/>; the command does everything they share (loading and validating the
/// manifest, choosing the sites, the analysis gate) and hands a target only valid sites it renders.
/// </summary>
public interface IRenderTarget
{
    /// <summary>The <c>--target</c> value, e.g. <c>istio</c>.</summary>
    string Name { get; }

    /// <summary>For <c>--help</c>: which sites and what is written, e.g. "AWS sites: App Mesh API inputs".</summary>
    string Description { get; }

    /// <summary>For <c>--help</c> of <c>--out -</c>: what the stream holds, e.g. "the kustomize folder's documents", or "not streamed".</summary>
    string StreamDescription { get; }

    /// <summary>Why <c>--out -</c> is refused for this target (said before the manifest is read); null when it streams.</summary>
    string? StreamRefusal { get; }

    /// <summary>True when this target renders <paramref name="site"/>.</summary>
    bool Renders(Site site);

    /// <summary>
    /// Why <paramref name="site"/>, named by <c>--site</c>, is not rendered by this target (after <c>meshfed: </c>),
    /// given the sites it does render, comma-separated in <paramref name="renderedSites"/>.
    /// </summary>
    string NotRendered(Site site, string renderedSites);

    /// <summary>Writes each of <see cref="RenderJob.Sites"/> under <see cref="RenderJob.OutFolder"/> and prints the summary; returns the exit code.</summary>
    int Write(RenderJob job);

    /// <summary>
    /// <c>--out -</c>: the one site of <see cref="RenderJob.Sites"/> as Kubernetes YAML on <see cref="RenderJob.Output"/>'s
    /// standard output, the summary on its standard error; returns the exit code. Called only when
    /// <see cref="StreamRefusal"/> is null, on a thread of its own while the analysis runs, into memory that is written
    /// only if the analysis allows it (<see cref="PreparedStream"/>): it must do nothing but through
    /// <see cref="RenderJob.Output"/>, and stop when <see cref="RenderJob.CancellationToken"/> asks.
    /// </summary>
    int Stream(RenderJob job);
}
