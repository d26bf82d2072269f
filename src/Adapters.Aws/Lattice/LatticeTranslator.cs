using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Lattice.GatewayApi;
using MeshFed.Adapters.Aws.Lattice.Translation;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice;

/// <summary>
/// Translates a validated mesh into the VPC Lattice API calls of one AWS site. Pure: the model in, typed Create
/// inputs and findings out, in creation order: the service network (the mesh) and its VPC association, then per
/// service its target groups, the service, its network association, listeners, rules and auth policy. Services
/// are those callers on the site see (running here or exported here) with at least one HTTP, HTTP/2 or gRPC port.
/// </summary>
public static class LatticeTranslator
{
    /// <summary>True for sites whose mesh is VPC Lattice.</summary>
    public static bool Renders(Site site) => site.Mesh == MeshKind.VpcLattice;

    /// <summary>The API calls of <paramref name="siteName"/>.</summary>
    public static LatticeRendering Translate(FederatedMesh mesh, string siteName, LatticeRenderOptions? options = null)
    {
        var site = mesh.FindSite(siteName) ?? throw new ArgumentException($"site '{siteName}' is not part of mesh '{mesh.Name}'", nameof(siteName));
        var context = new LatticeContext(mesh, site, options ?? LatticeRenderOptions.Default);
        var network = context.ServiceNetworkName;
        var resources = new List<LatticeResource>
        {
            // The network admits every signed request; each service's own auth policy decides (a network with
            // AWS_IAM and no policy would deny everything: "Add an auth policy to a service network", auth-policies.html).
            new(LatticeOperation.CreateServiceNetwork, network, new CreateServiceNetworkInput { Name = network, AuthType = AuthType.None, Tags = context.Tags }),
            new(LatticeOperation.CreateServiceNetworkVpcAssociation, network, new CreateServiceNetworkVpcAssociationInput
            {
                ServiceNetworkIdentifier = LatticeRefs.ServiceNetwork(network),
                VpcIdentifier = LatticeRefs.VpcId,
                Tags = context.Tags,
            }),
        };
        var rendered = new List<(Service Service, IReadOnlyList<LatticeResource> Calls)>();
        foreach (var service in context.View.VisibleServices)
        {
            var calls = ServiceTranslator.Translate(context, service);
            if (calls.Count == 0)
                continue;
            resources.AddRange(calls);
            rendered.Add((service, calls));
            LatticeDiagnostics.ReportInexpressible(context, service);
        }
        LatticeDiagnostics.ReportSite(context, [.. rendered.Select(r => r.Service)]);
        // The same calls, projected for EKS: gateway-api/ never decides anything api/ did not.
        var gatewayApi = GatewayApiProjection.Project(context, rendered);
        return new LatticeRendering
        {
            Site = site.Name,
            ServiceNetworkName = network,
            Resources = resources,
            GatewayApi = gatewayApi,
            AppMeshIngressTargetGroups = [.. resources.Select(r => r.Input).OfType<CreateTargetGroupInput>()
                .Where(g => context.TargetGroups.TryGetValue(g.Name, out var origin) && origin.AppMeshIngress)],
            Diagnostics = context.Diagnostics,
            Errors = context.Errors,
        };
    }
}
