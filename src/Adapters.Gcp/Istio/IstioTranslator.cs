using MeshFed.Adapters.Gcp.Istio.Translation;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio;

/// <summary>
/// Translates a validated mesh into the Istio resources of one site. Pure: the model in, resources and
/// diagnostics out; the same mesh always gives the same resources in the same order.
/// </summary>
public static class IstioTranslator
{
    /// <summary>True for sites whose mesh speaks the Istio API.</summary>
    public static bool Renders(Site site) => site.Mesh is MeshKind.Istio or MeshKind.CloudServiceMesh;

    /// <summary>The resources of <paramref name="siteName"/>.</summary>
    public static IstioRendering Translate(FederatedMesh mesh, string siteName, IstioRenderOptions? options = null)
    {
        options ??= IstioRenderOptions.Default;
        var site = mesh.FindSite(siteName) ?? throw new ArgumentException($"site '{siteName}' is not part of mesh '{mesh.Name}'", nameof(siteName));
        var profile = options.Profile ?? (site.Mesh == MeshKind.CloudServiceMesh ? IstioProfile.CloudServiceMesh : IstioProfile.OpenSource);
        var view = new SiteView(mesh, site);
        var context = new IstioContext(view, options, profile);
        var resources = new List<KubernetesObject>();
        foreach (var service in view.VisibleServices)
        {
            resources.Add(VirtualServiceTranslator.Translate(context, service));
            if (!view.RunsHere(service))
            {
                resources.Add(ServiceEntryTranslator.Translate(context, service));
                continue;
            }
            resources.Add(DestinationRuleTranslator.Translate(context, service));
            if (ServiceEntryTranslator.LocalWorkloads(context, service) is { } workloads)
                resources.Add(workloads);
            resources.Add(AuthenticationTranslator.PeerAuthentication(context, service));
            if (service.Security.Jwt is { } jwt)
                resources.Add(AuthenticationTranslator.RequestAuthentication(context, service, jwt));
            resources.AddRange(AuthorizationTranslator.Translate(context, service));
        }
        return new IstioRendering
        {
            Site = site.Name,
            Profile = profile,
            Resources = [.. resources.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)],
            Diagnostics = context.Diagnostics,
        };
    }
}
