using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Federation.Terraform;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Tests.Terraform;

/// <summary>
/// <see cref="LatticeInputs"/>: the gateway target groups the aws-gateway module registers the ECS gateway in are
/// exactly those <c>meshfed apply</c> creates (the Lattice translation), since the module wants the ARN of each
/// (<c>lattice_gateway_target_group_arns</c>) and refuses to plan without it. Both read one
/// <see cref="SiteView.SendsToOtherSites"/>.
/// </summary>
public class LatticeInputsTests
{
    // One case per service: where it runs and how its routes split decide whether callers on "lat" send a share
    // to another site (and so whether the gateway needs a target group for it).
    private const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: tg }
        spec:
          trustDomain: tg.example
          sites:
            - { name: lat, provider: aws, region: us-east-1, mesh: vpc-lattice, gateway: { address: 10.0.0.1 } }
            - { name: gke, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: 10.0.0.2 } }
          services:
            - name: local-first
              ports: [{ port: 8080 }]
              deployments: [{ site: lat, version: v1 }, { site: gke, version: v1 }]
            - name: split
              ports: [{ port: 8080 }, { port: 9090, protocol: grpc }]
              deployments: [{ site: lat, version: v1 }, { site: gke, version: v2 }]
            - name: elsewhere
              ports: [{ port: 8080 }]
              deployments: [{ site: gke, version: v1 }]
            - name: zero-share
              ports: [{ port: 8080 }]
              deployments: [{ site: lat, version: v1 }, { site: gke, version: v1 }]
              traffic:
                routes:
                  - name: all
                    to: [{ version: v1, weight: 100 }, { version: v1, site: gke, weight: 0 }]
            - name: unreachable
              ports: [{ port: 8080 }]
              deployments: [{ site: lat, version: v1 }, { site: gke, version: v2 }]
              traffic:
                routes:
                  - name: all
                    to: [{ version: v1, weight: 100 }]
                  - name: never
                    match: { pathPrefix: /beta }
                    to: [{ version: v2, weight: 100 }]
            - name: tcp
              ports: [{ port: 5432, protocol: tcp }]
              deployments: [{ site: gke, version: v1 }]
            - name: hidden
              ports: [{ port: 8080 }]
              exportTo: [gke]
              deployments: [{ site: gke, version: v1 }]
        """;

    private static FederatedMesh Load()
    {
        var loaded = ManifestLoader.LoadText(Mesh, "tg.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return loaded.Mesh!;
    }

    private static string[] Services(IEnumerable<string> targetGroups) =>
        [.. targetGroups.Select(name => name[..name.IndexOf("-default-meshfed-gateway-", StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void GatewayTargetGroups_OnlyForServicesWhoseCallersHereSendAShareElsewhere()
    {
        var mesh = Load();

        var inputs = LatticeInputs.For(mesh, mesh.FindSite("lat")!);

        // local-first runs here and its only route stays here; zero-share's remote target has no share; unreachable's
        // remote route comes after a catch-all; tcp has no Lattice listener; hidden is not visible here. Before the
        // one site view, Terraform listed a group for every visible service deployed on another site (local-first,
        // zero-share and unreachable too), which apply never creates: terraform plan then stopped for want of its ARN.
        Assert.Equal(["elsewhere", "split"], Services(inputs.GatewayTargetGroups.Select(g => g.Name)));
        Assert.Equal(["HTTP1", "HTTP2"], inputs.GatewayTargetGroups.Where(g => g.Name.StartsWith("split-", StringComparison.Ordinal)).Select(g => g.ProtocolVersion).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GatewayTargetGroups_AreTheOnesTheLatticeTranslationCreates()
    {
        var mesh = Load();

        var created = LatticeTranslator.Translate(mesh, "lat").Resources
            .Select(r => r.Input)
            .OfType<CreateTargetGroupInput>()
            .Where(t => t.Config.Port == LatticeAddressing.GatewayTargetPort)
            .Select(t => (t.Name, Version: t.Config.ProtocolVersion == TargetGroupProtocolVersion.Http2 ? "HTTP2" : "HTTP1"));
        var declared = LatticeInputs.For(mesh, mesh.FindSite("lat")!).GatewayTargetGroups.Select(g => (g.Name, Version: g.ProtocolVersion));

        Assert.Equal(created.Order(), declared.Order());
    }
}
