using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests.Validation;

/// <summary>
/// MF601 on allow-rule SPIFFE IDs (fidelity review row 26b): workloads are identified in their site's mesh trust
/// domain, gateways in the federation trust domain; only IDs that fit neither are questioned.
/// </summary>
public class AllowRuleIdentityTests
{
    private static IReadOnlyList<Diagnostic> Warnings(string from) => [.. ManifestLoader.LoadText($$"""
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: fed.example
          sites:
            - { name: a, provider: gcp, project: p, region: europe-west1, mesh: cloud-service-mesh, gateway: { address: gw.a.example } }
            - { name: b, provider: onprem, mesh: istio, gateway: { address: gw.b.example } }
          services:
            - name: s
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }, { site: b, version: v1 }]
              security:
                allow:
                  - from: ["{{from}}"]
        """).Warnings.Where(d => d.Code == DiagnosticCodes.SecurityShape)];

    [Theory]
    [InlineData("spiffe://cluster.local/ns/shop/sa/web")]
    [InlineData("spiffe://p.svc.id.goog/ns/shop/sa/web")]
    [InlineData("spiffe://fed.example/site/b/gateway")]
    public void Validate_WorkloadInAMeshTrustDomainOrAGatewayId_NoWarning(string from) =>
        Assert.Empty(Warnings(from));

    [Fact]
    public void Validate_WorkloadIdInTheFederationTrustDomain_SaysWorkloadsLiveInTheMeshTrustDomains()
    {
        var warning = Assert.Single(Warnings("spiffe://fed.example/ns/shop/sa/web"));

        Assert.Contains("only the sites' gateways have identities", warning.Message);
        Assert.Contains("cluster.local, p.svc.id.goog", warning.Message);
    }

    [Fact]
    public void Validate_UnknownTrustDomain_Warns()
    {
        var warning = Assert.Single(Warnings("spiffe://partner.example/ns/x/sa/y"));

        Assert.Contains("neither a site's mesh trust domain", warning.Message);
    }
}
