using MeshFed.Federation.Analysis.Lattice;
using MeshFed.Model;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Checks that need no request: the gateway deployment against the proxy beside it, App Mesh certificate
/// sources against the platform, and rendered objects the API server would refuse outright. A finding about
/// a gateway stops every path through it.
/// </summary>
internal static class DeploymentChecks
{
    /// <summary>
    /// The checks of every site; with <paramref name="sites"/>, the checks that only report (they mark nothing broken
    /// for the paths) are skipped on the other sites, whose findings the analysis drops anyway.
    /// </summary>
    public static IEnumerable<AnalysisFinding> Run(AnalysisContext context, IReadOnlyCollection<string>? sites = null)
    {
        foreach (var site in context.Mesh.Sites)
        {
            // What breaks a gateway or an ingress stops paths from other sites too: checked on every site.
            if (context.Deployments.TryGetValue(site.Name, out var deployment))
            {
                if (ReservedPort(context, site, deployment) is { } reserved)
                {
                    context.BrokenGateways.TryAdd(site.Name, reserved);
                    yield return reserved;
                }
                if (site.Mesh == MeshKind.AppMesh && Certificates(context, site, deployment) is { } certificates)
                {
                    context.BrokenIngress.TryAdd(site.Name, certificates);
                    yield return certificates;
                }
            }
            if (site.Mesh == MeshKind.AppMesh)
            {
                if (AppMeshSanChecks.Ingress(context, site) is { } sans)
                {
                    context.BrokenIngress.TryAdd(site.Name, sans);
                    yield return sans;
                }
            }
            if (sites is not null && !sites.Contains(site.Name))
                continue;
            if (site.Mesh == MeshKind.AppMesh)
            {
                foreach (var pool in ConnectionPoolChecks.Run(context, site))
                    yield return pool;
            }
            foreach (var virtualService in context.Rendering.Of(site.Name).OfKind("VirtualService").Where(v =>
                site.Mesh != MeshKind.AppMesh && v.Spec.Items("http").Count + v.Spec.Items("tcp").Count + v.Spec.Items("tls").Count == 0))
            {
                var host = virtualService.Spec.Strings("hosts").FirstOrDefault();
                var service = context.Mesh.FindServiceByHost(host);
                yield return IstioCallerHops.EmptyVirtualService(context, virtualService, service);
            }
            foreach (var finding in IstioSiteChecks.Run(context, site))
                yield return finding;
            if (site.Mesh == MeshKind.VpcLattice)
            {
                foreach (var finding in LatticeSiteChecks.Run(context, site))
                    yield return finding;
            }
        }
    }

    // A port both the gateway and the proxy beside it bind: whichever starts second fails (the gateway
    // crash-loops, or Envoy loses that listener). Istio's "Ports used by Istio" and App Mesh's Envoy ports.
    private static AnalysisFinding? ReservedPort(AnalysisContext context, Site site, GatewayDeployment deployment)
    {
        if (!deployment.ProxyBeside)
            return null;
        var clash = deployment.BoundPorts.Intersect(ReservedPorts.Of(site.Mesh)).ToList();
        if (clash.Count == 0)
            return null;
        return context.Finding(AnalysisCodes.ReservedPort, Hop.Deployment, site.Name, null, site, null,
            $"the gateway binds port{(clash.Count == 1 ? "" : "s")} {string.Join(", ", clash)} in the same network namespace as {ReservedPorts.Owner(site.Mesh)}, which owns {(clash.Count == 1 ? "it" : "them")}: whichever starts second fails to bind",
            $"Move the gateway's ports out of {ReservedPorts.Owner(site.Mesh)}'s set ({string.Join(", ", ReservedPorts.Of(site.Mesh))}); meshfed's defaults are {DataPath.LocalListenerPort}, {DataPath.AdminPort}, {DataPath.AppMeshIngressPort}.",
            file: "terraform.tfvars.json", resource: $"gateway ports ({deployment.Module})");
    }

    // "SPIRE is not supported on Amazon ECS" and an SDS certificate needs the agent's socket mounted into the
    // Envoy (App Mesh user guide, "Mutual TLS authentication", docs.aws.amazon.com/app-mesh/latest/userguide/mutual-tls.html).
    private static AnalysisFinding? Certificates(AnalysisContext context, Site site, GatewayDeployment deployment)
    {
        var vg = context.Rendering.Of(site.Name).OfKind(AppMeshKinds.VirtualGateway).FirstOrDefault();
        if (vg is null || deployment.SdsSocket || vg.Spec.Str("backendDefaults", "clientPolicy", "tls", "certificate", "sds", "secretName") is null)
            return null;
        var why = deployment.Platform == GatewayPlatform.Ecs ? "SPIRE (SDS) is not supported on Amazon ECS" : $"{deployment.Module} mounts no SDS socket into the virtual gateway's Envoy";
        return context.Finding(AnalysisCodes.CertificateSource, Hop.Deployment, site.Name, null, site, vg,
            $"the virtual gateway takes its client certificate from SDS, but {why}: it cannot originate mTLS into the mesh, so nothing enters the site",
            deployment.Platform == GatewayPlatform.Ecs
                ? "On ECS use an ACM Private CA or file certificate for the virtual gateway."
                : "Mount the SPIRE agent socket into the virtual gateway's Envoy and set APPMESH_SDS_SOCKET_PATH.");
    }
}
