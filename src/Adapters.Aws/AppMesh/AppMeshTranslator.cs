using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Adapters.Aws.AppMesh.Translation;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>
/// Translates a validated mesh into the App Mesh resources of one AWS site. Pure: the model in, resources
/// and diagnostics out, in creation order (mesh, nodes, routers, routes, services, the ingress gateway and its routes).
/// </summary>
public static class AppMeshTranslator
{
    /// <summary>True for sites whose mesh is App Mesh.</summary>
    public static bool Renders(Site site) => site.Mesh == MeshKind.AppMesh;

    /// <summary>The resources of <paramref name="siteName"/>.</summary>
    public static AppMeshRendering Translate(FederatedMesh mesh, string siteName, AppMeshRenderOptions? options = null)
    {
        options ??= AppMeshRenderOptions.Default;
        var site = mesh.FindSite(siteName) ?? throw new ArgumentException($"site '{siteName}' is not part of mesh '{mesh.Name}'", nameof(siteName));
        var context = new AppMeshContext(mesh, site, options);
        var visible = mesh.Services.Where(s => s.IsVisibleFrom(site.Name)).ToList();
        var resources = new List<AppMeshResource>
        {
            context.Resource(mesh.Name, new MeshSpec(new EgressFilter(options.EgressFilter))),
        };
        // A service is rendered when App Mesh can route it from here (a tcp service with no version here cannot);
        // only rendered services can be backends.
        var rendered = visible.Select(s => (Service: s, Routes: RouterTranslator.Routes(context, s).ToList())).Where(p => p.Routes.Count > 0).ToList();
        var backends = rendered.Select(p => p.Service).ToList();
        foreach (var (service, routes) in rendered)
        {
            foreach (var deployment in context.LocalDeployments(service))
                resources.Add(VirtualNodeTranslator.Local(context, service, deployment, backends));
            if (context.NeedsRemoteNode(service))
                resources.AddRange(AppMeshContext.RequestPorts(service).Select(p => VirtualNodeTranslator.Remote(context, service, p)));
            resources.Add(RouterTranslator.Router(context, service));
            resources.AddRange(routes);
            resources.Add(context.Resource(AppMeshNames.VirtualService(service),
                new VirtualServiceSpec(new VirtualServiceProvider(new VirtualRouterServiceProvider(AppMeshNames.Router(service)))),
                cr: context.CrHome(service)));
            ReportInexpressible(context, service);
            SiteDiagnostics.ReportRemoteOnlyName(context, service);
            SiteDiagnostics.ReportCallersWithoutIdentity(context, service);
        }
        // TCP has no host to route by, and the gateway no TCP pass-through yet: only request-aware services enter.
        var served = options.LatticeMigration
            ? backends.Where(s => Migration.MigrationIngress.CanReach(context.View, s)).ToList()
            : backends.Where(context.ServedToOtherSites).ToList();
        resources.AddRange(IngressTranslator.Translate(context, served));
        SiteDiagnostics.ReportCertificateFiles(context, rendered.Any(p => context.RunsHere(p.Service)) || served.Count > 0);
        return new AppMeshRendering
        {
            Site = site.Name,
            MeshName = mesh.Name,
            Resources = [.. resources.OrderBy(r => r.Kind).ThenBy(r => r.RouterName, StringComparer.Ordinal)
                .ThenBy(r => r.Kind == AppMeshResourceKind.Route ? "" : r.Name, StringComparer.Ordinal)],
            Diagnostics = context.Diagnostics,
            RemoteOnlyServices = [.. backends.Where(s => !context.RunsHere(s) && s.Ports.Any(p => p.IsRequestAware))],
        };
    }

    /// <summary>App Mesh has no authorization, JWT or load-balancer choice: say so, once per service and concept.</summary>
    private static void ReportInexpressible(AppMeshContext context, Service service)
    {
        if (!context.RunsHere(service))
            return;
        if (service.Security.Allow.Count > 0)
            context.Warn(service, "security.allow", "App Mesh has no authorization policy: the meshfed gateway enforces the allow rules for callers from other sites; callers on this site are not restricted by App Mesh");
        if (service.Security.Jwt is not null)
            context.Warn(service, "security.jwt", "App Mesh cannot validate JWTs: the meshfed gateway validates them for requests from other sites");
        if (service.Traffic.LoadBalancer.Algorithm != LoadBalancingAlgorithm.RoundRobin)
            context.Warn(service, "traffic.loadBalancer", $"App Mesh always balances round robin: '{WireNames<LoadBalancingAlgorithm>.Of(service.Traffic.LoadBalancer.Algorithm)}' applies at the meshfed gateway only");
        if (service.Traffic.Failover.Count > 0)
            context.Warn(service, "traffic.failover", "App Mesh routes by fixed weights: failover across sites happens at the meshfed gateway for the traffic it carries");
    }
}
