using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Federation.Output;
using MeshFed.Model;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary><c>--target istio</c>: Istio resources per GCP or on-prem site, as a kustomize folder.</summary>
internal sealed class IstioRenderTarget : IRenderTarget
{
    /// <inheritdoc/>
    public string Name => "istio";

    /// <inheritdoc/>
    public string Description => "GCP and on-prem sites: Kubernetes YAML";

    /// <inheritdoc/>
    public string StreamDescription => "the kustomize folder's documents";

    /// <inheritdoc/>
    public string? StreamRefusal => null;

    /// <inheritdoc/>
    public bool Renders(Site site) => IstioTranslator.Renders(site);

    /// <inheritdoc/>
    public string NotRendered(Site site, string renderedSites) => RenderTargets.RunsAnotherMesh(this, site, renderedSites);

    /// <inheritdoc/>
    public int Write(RenderJob job) => SiteFolders.Write(job, (site, folder) =>
    {
        var rendering = job.Renderings.Istio(site.Name);
        KustomizeFolderWriter.Write(folder, rendering.Resources);
        return Summary(site, rendering);
    });

    /// <inheritdoc/>
    public int Stream(RenderJob job)
    {
        var site = job.Sites[0];
        var rendering = job.Renderings.Istio(site.Name);
        return SiteFolders.Stream(job, YamlStreamWriter.Build(rendering.Resources), Summary(site, rendering), "standard output");
    }

    private static SiteRenderSummary Summary(Site site, IstioRendering rendering) =>
        new(site.Name, WireNames<IstioProfile>.Of(rendering.Profile), [.. rendering.Resources.Select(r => r.Kind)], rendering.Diagnostics);
}
