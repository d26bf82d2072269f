using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests;

/// <summary>What the model fills in when a manifest leaves something out, and the warnings that go with it.</summary>
public class DefaultsTests
{
    private const string TwoVersionsNoRoutes = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: m }
        spec:
          trustDomain: m.example
          sites:
            - { name: a, provider: onprem, network: dc-1 }
          services:
            - name: s
              ports: [{ port: 80 }]
              deployments: [{ site: a, version: v1 }, { site: a, version: v2 }, { site: a, version: 2024-11 }]
              traffic: { loadBalancer: ring-hash }
        """;

    [Fact]
    public void MultiVersionWithoutRoutes_SplitsEvenlyAndWarns()
    {
        var result = ManifestLoader.LoadText(TwoVersionsNoRoutes, "m.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(DiagnosticCodes.RouteShape, warning.Code);
        Assert.Contains("v1 34%, v2 33%, 2024-11 33%", warning.Message);
        var route = result.Mesh!.Services[0].EffectiveRoutes.Single();
        Assert.True(route.Match.IsCatchAll);
        Assert.Equal([("v1", 34), ("v2", 33), ("2024-11", 33)], route.To.Select(t => (t.Version, t.Weight)));
    }

    [Fact]
    public void RingHashWithoutKey_HashesTheCallersAddress()
    {
        var mesh = ManifestLoader.LoadText(TwoVersionsNoRoutes, "m.yaml").Mesh!;

        Assert.Equal(new HashKey { SourceIp = true }, mesh.Services[0].Traffic.LoadBalancer.HashOn);
    }

    [Fact]
    public void OmittedFields_GetDocumentedDefaults()
    {
        var mesh = ManifestLoader.LoadText(TwoVersionsNoRoutes, "m.yaml").Mesh!;
        var site = mesh.Sites.Single();
        var service = mesh.Services.Single();

        Assert.Equal(MeshKind.Istio, site.Mesh);
        Assert.Equal("dc-1", site.Network);
        Assert.Equal("default", service.Namespace);
        Assert.Equal(ServiceProtocol.Http, service.Ports[0].Protocol);
        Assert.Same(ServiceDiscovery.Kubernetes, service.Deployments[0].Discovery);
        Assert.True(service.ExportTo.AllSites);
        Assert.Equal(MtlsMode.Strict, service.Security.Mtls);
        Assert.Equal([MetricsSink.Local], mesh.Telemetry.Metrics);
        Assert.Equal(TelemetrySettings.DefaultLatencyBuckets, mesh.Telemetry.LatencyBuckets);
    }

    [Fact]
    public void GatewayPort_DefaultsTo15443()
    {
        var text = TwoVersionsNoRoutes.Replace("network: dc-1 }", "network: dc-1, gateway: { address: 10.0.0.1 } }");

        var mesh = ManifestLoader.LoadText(text, "m.yaml").Mesh!;

        Assert.Equal(SiteGateway.DefaultPort, mesh.Sites[0].Gateway!.Port);
    }
}
