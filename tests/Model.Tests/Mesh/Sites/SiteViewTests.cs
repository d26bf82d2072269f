using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests;

/// <summary>The one site view the renderers and the gateway share: what a site serves, and its App Mesh ingress protocol.</summary>
public class SiteViewTests
{
    private const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: v }
        spec:
          trustDomain: v.example
          sites:
            - { name: aws, provider: aws, region: us-east-1, mesh: appmesh, gateway: { address: 10.0.0.1 } }
            - { name: gcp, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: 10.0.0.2 } }
          services:
            - name: web
              ports: [{ port: 8080 }]
              deployments: [{ site: aws, version: v1 }]
            - name: db
              ports: [{ port: 5432, protocol: tcp }]
              deployments: [{ site: aws, version: v1 }]
            - name: ledger
              ports: [{ port: 9090, protocol: grpc }]
              exportTo: [aws]
              deployments: [{ site: aws, version: v1 }]
        """;

    private static (FederatedMesh Mesh, SiteView Aws, SiteView Gcp) Load(string yaml = Mesh)
    {
        var loaded = ManifestLoader.LoadText(yaml, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var mesh = loaded.Mesh!;
        return (mesh, new SiteView(mesh, mesh.FindSite("aws")!), new SiteView(mesh, mesh.FindSite("gcp")!));
    }

    [Fact]
    public void ServedServices_RunHere_AreExported_AndHaveARequestAwarePort()
    {
        var (_, aws, gcp) = Load();

        // db is TCP only (the gateway has no TCP pass-through), ledger is exported to its own site only.
        Assert.Equal(["web"], aws.ServedServices.Select(s => s.Name));
        Assert.Empty(gcp.ServedServices);
    }

    [Fact]
    public void AppMeshIngressSpeaksHttp2_OnlyWhenAServedServiceHasAnHttp2OrGrpcPort()
    {
        var (_, aws, gcp) = Load();
        Assert.False(aws.AppMeshIngressSpeaksHttp2); // ledger (gRPC) is not served to other sites

        var (_, exported, _) = Load(Mesh.Replace("exportTo: [aws]", "exportTo: [aws, gcp]", StringComparison.Ordinal));
        Assert.True(exported.AppMeshIngressSpeaksHttp2);
        Assert.False(gcp.AppMeshIngressSpeaksHttp2); // not an App Mesh site
    }

    [Fact]
    public void LocalCaller_NamesAndSiteMeshSpiffeIds_OfServicesRunningHere()
    {
        var (mesh, aws, gcp) = Load();
        var ledger = mesh.FindService("ledger")!;

        Assert.Equal("web", aws.LocalCaller(ledger, "web")?.Name);
        Assert.Equal("web", aws.LocalCaller(ledger, "default/web")?.Name);
        Assert.Equal("web", aws.LocalCaller(ledger, "spiffe://cluster.local/ns/default/sa/web")?.Name);
        Assert.Null(aws.LocalCaller(ledger, "spiffe://v.example/ns/default/sa/web")); // the federation's domain: through a gateway
        Assert.Null(aws.LocalCaller(ledger, "nobody"));
        Assert.Null(gcp.LocalCaller(ledger, "web")); // web runs on aws only
    }

    [Fact]
    public void RequestServices_VisibleHere_AndRunningHere_LeaveOutTcp()
    {
        var (_, aws, gcp) = Load();

        Assert.Equal(["web", "ledger"], aws.VisibleRequestServices.Select(s => s.Name));
        Assert.Equal(["web", "ledger"], aws.LocalRequestServices.Select(s => s.Name));
        Assert.Equal(["web"], gcp.VisibleRequestServices.Select(s => s.Name)); // ledger is exported to aws only
        Assert.Empty(gcp.LocalRequestServices);
    }

    [Fact]
    public void SendsToOtherSites_WhenAReachableRouteGivesAShareToAnotherSite()
    {
        var (mesh, aws, gcp) = Load(Mesh + """

                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }, { site: gcp, version: v1 }, { site: gcp, version: v2 }]
                  traffic:
                    routes:
                      - name: beta
                        match: { headers: { x-beta: { exact: "1" } } }
                        to: [{ version: v2, weight: 100 }]
                      - name: rest
                        to: [{ version: v1, weight: 100 }, { version: v1, site: gcp, weight: 0 }]
                      - name: never
                        to: [{ version: v1, site: gcp, weight: 100 }]
            """);
        var orders = mesh.FindService("orders")!;

        Assert.Equal(["beta", "rest"], SiteView.ReachableRoutes(orders).Select(r => r.Name)); // first match wins
        Assert.True(aws.SendsToOtherSites(orders)); // beta's v2 runs on gcp only
        Assert.False(gcp.SendsToOtherSites(orders)); // every reachable share stays on gcp
        Assert.True(gcp.SendsToOtherSites(mesh.FindService("web")!)); // runs on aws only
        Assert.False(aws.SendsToOtherSites(mesh.FindService("web")!));
        Assert.False(gcp.SendsToOtherSites(mesh.FindService("db")!)); // TCP: the gateway carries none
        Assert.False(gcp.SendsToOtherSites(mesh.FindService("ledger")!)); // not visible on gcp
    }
}
