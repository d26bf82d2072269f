using MeshFed.Adapters.Gcp.Istio.Api;
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
        // Each resource becomes its Kubernetes object (its spec serialised) as soon as it is made, so the typed spec
        // is garbage at once instead of living, with every other one of the site, to the end of the translation
        // (at 10,000 services they outlived several collections; bench/README.md, "Sixth session").
        var resources = new KubernetesObjects(ManagedLabels.For(mesh.Name, site.Name));
        var remoteOnlyHosts = new List<string>();
        var jwtHere = new List<Service>();
        foreach (var service in view.VisibleServices)
        {
            if (!view.RunsHere(service))
            {
                if (ServiceEntryTranslator.Translate(context, service) is not { } entry)
                    continue;
                resources.Add(entry);
                resources.Add(VirtualServiceTranslator.Translate(context, service)!); // the entry has a request-aware port, so http routes exist
                remoteOnlyHosts.Add(service.Host);
                continue;
            }
            if (VirtualServiceTranslator.Translate(context, service) is { } routes)
                resources.Add(routes);
            resources.Add(DestinationRuleTranslator.Translate(context, service));
            if (ServiceEntryTranslator.LocalWorkloads(context, service) is { } workloads)
                resources.Add(workloads);
            if (!view.HasMeshWorkloads(service))
            {
                PolicyLimits.ReportPlainEndpoints(context, service);
                continue;
            }
            resources.Add(AuthenticationTranslator.PeerAuthentication(context, service));
            if (service.Security.Jwt is { } jwt)
            {
                resources.Add(AuthenticationTranslator.RequestAuthentication(context, service, jwt));
                jwtHere.Add(service);
            }
            resources.AddRange(AuthorizationTranslator.Translate(context, service));
        }
        resources.AddRange(GatewayTranslator.Translate(context));
        resources.AddRange(JwksTranslator.Translate(context, jwtHere));
        PolicyLimits.ReportRemoteOnlyDns(context, remoteOnlyHosts);
        return new IstioRendering
        {
            Site = site.Name,
            Profile = profile,
            Resources = [.. resources.Made
                .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)],
            Diagnostics = context.Diagnostics,
        };
    }

    /// <summary>The Kubernetes objects of a site's resources, in the order made, with the site's labels.</summary>
    private sealed class KubernetesObjects(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        private readonly SpecArena _specs = new();

        public List<KubernetesObject> Made { get; } = [];

        public void Add(IstioResource resource) => Made.Add(resource.ToKubernetes(labels, _specs));

        public void AddRange(IEnumerable<IstioResource> resources)
        {
            foreach (var resource in resources)
                Add(resource);
        }
    }
}
