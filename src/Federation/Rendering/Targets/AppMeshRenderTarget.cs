using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Federation.Output;
using MeshFed.Model;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>
/// <c>--target appmesh</c>: per AWS site, App Mesh API inputs (<c>api/</c>) and the same mesh as App Mesh
/// controller custom resources (<c>crds/</c>). <c>--out -</c> streams the custom resources: the API inputs are
/// JSON for <c>aws appmesh create-*</c>, one call each, so they are written only to a folder.
/// </summary>
internal sealed class AppMeshRenderTarget : IRenderTarget
{
    /// <inheritdoc/>
    public string Name => "appmesh";

    /// <inheritdoc/>
    public string Description => "AWS sites: App Mesh API inputs";

    /// <inheritdoc/>
    public string StreamDescription => "the App Mesh controller custom resources";

    /// <inheritdoc/>
    public string? StreamRefusal => null;

    /// <inheritdoc/>
    public bool Renders(Site site) => AppMeshTranslator.Renders(site);

    /// <inheritdoc/>
    public string NotRendered(Site site, string renderedSites) => RenderTargets.RunsAnotherMesh(this, site, renderedSites);

    /// <inheritdoc/>
    public int Write(RenderJob job) => SiteFolders.Write(job, (site, folder) =>
    {
        var rendering = job.Renderings.AppMesh(site.Name);
        AppMeshFolderWriter.Write(folder, rendering, job.Renderings.AppMeshController(site.Name));
        return new SiteRenderSummary(site.Name, Name, [.. rendering.Resources.Select(r => r.Kind.ToString())], rendering.Diagnostics);
    });

    /// <inheritdoc/>
    public int Stream(RenderJob job)
    {
        var site = job.Sites[0];
        var rendering = job.Renderings.AppMesh(site.Name);
        var customResources = job.Renderings.AppMeshController(site.Name);
        var summary = new SiteRenderSummary(site.Name, Name, [.. customResources.Select(r => r.Kind)], rendering.Diagnostics);
        return SiteFolders.Stream(job, YamlStreamWriter.Build(customResources), summary, "standard output (App Mesh controller custom resources)");
    }
}
