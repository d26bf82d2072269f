using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests;

/// <summary>A rendered object's host back to its service: what the analysis asks once per DestinationRule and VirtualService.</summary>
public class FindServiceByHostTests
{
    private static readonly FederatedMesh Mesh = ManifestLoader.LoadText("""
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: h }
        spec:
          trustDomain: h.example
          sites:
            - { name: gcp, provider: gcp, project: p, region: europe-west1, mesh: istio }
          services:
            - { name: web, namespace: shop, ports: [{ port: 8080 }], deployments: [{ site: gcp, version: v1 }] }
            - { name: web, namespace: ops, ports: [{ port: 8080 }], deployments: [{ site: gcp, version: v1 }] }
        """, "hosts.yaml").Mesh!;

    [Fact]
    public void EveryServicesHost_FindsThatService()
    {
        foreach (var service in Mesh.Services)
            Assert.Same(service, Mesh.FindServiceByHost(service.Host));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("web.shop")]                               // no cluster domain
    [InlineData("web.shop.svc.cluster.local.")]            // another spelling than the mesh host
    [InlineData("web.billing.svc.cluster.local")]          // no such namespace
    [InlineData("api.web.shop.svc.cluster.local")]         // a name with a dot is no service name
    [InlineData(".shop.svc.cluster.local")]
    public void AnyOtherHost_FindsNone(string? host) => Assert.Null(Mesh.FindServiceByHost(host));
}
