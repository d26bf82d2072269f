using System.Collections.Concurrent;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Rendering;

/// <summary>
/// The translations of one mesh, each site's made at most once: <c>meshfed render</c>'s analysis gate reads every
/// site's, and the target then writes the very same objects instead of translating its sites again (at 10,000
/// services one site's Istio translation costs about a second; bench/README.md, "Scale of the control side").
/// The translators are pure functions of the mesh and the options, so sharing a translation is the same as
/// making it twice. Safe to use from several threads: a site asked for twice at once is still translated once.
/// </summary>
/// <param name="mesh">The valid mesh.</param>
/// <param name="profile"><c>--profile</c>: the Istio control plane, or null for each site's own.</param>
public sealed class SiteRenderings(FederatedMesh mesh, IstioProfile? profile)
{
    private readonly ConcurrentDictionary<string, Lazy<IstioRendering>> _istio = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<(AppMeshRendering Api, IReadOnlyList<KubernetesObject> Controller)>> _appMesh = new(StringComparer.Ordinal);

    /// <summary>The mesh translated.</summary>
    public FederatedMesh Mesh { get; } = mesh;

    /// <summary><c>--profile</c>: the Istio control plane, or null for each site's own.</summary>
    public IstioProfile? Profile { get; } = profile;

    /// <summary>The Istio resources of <paramref name="site"/> (a site <see cref="IstioTranslator.Renders"/>).</summary>
    public IstioRendering Istio(string site) =>
        _istio.GetOrAdd(site, name => new Lazy<IstioRendering>(() =>
            IstioTranslator.Translate(Mesh, name, IstioRenderOptions.Default with { Profile = Profile }))).Value;

    /// <summary>The App Mesh API inputs of <paramref name="site"/> (a site <see cref="AppMeshTranslator.Renders"/>).</summary>
    public AppMeshRendering AppMesh(string site) => AppMeshOf(site).Api;

    /// <summary>The same App Mesh site as App Mesh controller custom resources (and the plain objects they need).</summary>
    public IReadOnlyList<KubernetesObject> AppMeshController(string site) => AppMeshOf(site).Controller;

    private (AppMeshRendering Api, IReadOnlyList<KubernetesObject> Controller) AppMeshOf(string site) =>
        _appMesh.GetOrAdd(site, name => new Lazy<(AppMeshRendering, IReadOnlyList<KubernetesObject>)>(() =>
        {
            var api = AppMeshTranslator.Translate(Mesh, name);
            return (api, AppMeshControllerTranslator.Translate(api));
        })).Value;
}
