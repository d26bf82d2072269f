using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>SpecDiff: the rules every kind has, and the per-kind members App Mesh fills in.</summary>
public sealed class SpecDiffTests
{
    private static readonly VirtualNodeSpec s_node = new(
        [new Listener(new PortMapping(8080, "http"), Timeout: new ListenerTimeout(Http: new HttpTimeout(Duration.Of(TimeSpan.FromSeconds(15)))))],
        new ServiceDiscovery(Dns: new DnsServiceDiscovery("orders.shop.svc.cluster.local")));

    [Fact]
    public void Compare_EmptyListsObjectsAndNumberSpellings_AreNoDifference()
    {
        var described = JsonNode.Parse("""
            {"serviceDiscovery":{"dns":{"hostname":"orders.shop.svc.cluster.local"}},"backends":[],"logging":{},"backendDefaults":null,
             "listeners":[{"portMapping":{"port":8080.0,"protocol":"http"},"timeout":{"http":{"perRequest":{"unit":"s","value":15}}}}]}
            """);

        Assert.Empty(SpecDiff.Compare(s_node, described));
    }

    [Fact]
    public void Compare_AChangedValue_IsReportedWithItsPath()
    {
        var described = JsonNode.Parse("""
            {"serviceDiscovery":{"dns":{"hostname":"orders.shop.svc.cluster.local"}},
             "listeners":[{"portMapping":{"port":8080,"protocol":"http"},"timeout":{"http":{"perRequest":{"unit":"s","value":10}}}}]}
            """);

        Assert.Equal(["spec.listeners[0].timeout.http.perRequest.value: 10 → 15"], SpecDiff.Compare(s_node, described));
    }

    [Theory]
    [InlineData(AppMeshResourceKind.VirtualNode)]
    [InlineData(AppMeshResourceKind.VirtualGateway)]
    public void Compare_AHealthCheckPortAppMeshFilledIn_IsNoDifferenceForListenersOf(AppMeshResourceKind kind)
    {
        var desired = JsonNode.Parse("""{"listeners":[{"portMapping":{"port":8080,"protocol":"http"},"healthCheck":{"protocol":"http","path":"/ping"}}]}""");
        var described = JsonNode.Parse("""{"listeners":[{"portMapping":{"port":8080,"protocol":"http"},"healthCheck":{"protocol":"http","path":"/ping","port":8080}}]}""");

        Assert.Empty(SpecDiff.Compare(desired, described, SpecSemantics.Of(kind)));
        Assert.Equal(["spec.listeners[0].healthCheck.port: 8080 → (none)"], SpecDiff.Compare(desired, described, SpecSemantics.Default));
    }

    [Fact]
    public void Compare_AHealthCheckPortTheDesiredSpecSets_IsCompared()
    {
        var desired = JsonNode.Parse("""{"listeners":[{"healthCheck":{"protocol":"http","port":9090}}]}""");
        var described = JsonNode.Parse("""{"listeners":[{"healthCheck":{"protocol":"http","port":8080}}]}""");

        Assert.Equal(["spec.listeners[0].healthCheck.port: 8080 → 9090"], SpecDiff.Compare(desired, described, SpecSemantics.Of(AppMeshResourceKind.VirtualNode)));
    }

    [Fact]
    public void Compare_AMemberTheDesiredSpecSetsButAppMeshLost_IsReported()
    {
        // The per-kind rule ignores only what App Mesh adds, never what it drops.
        var desired = JsonNode.Parse("""{"listeners":[{"healthCheck":{"protocol":"http","port":8080}}]}""");
        var described = JsonNode.Parse("""{"listeners":[{"healthCheck":{"protocol":"http"}}]}""");

        Assert.Equal(["spec.listeners[0].healthCheck.port: (none) → 8080"], SpecDiff.Compare(desired, described, SpecSemantics.Of(AppMeshResourceKind.VirtualNode)));
    }

    [Fact]
    public void Compare_AWholeHealthCheckTheDesiredSpecLacks_IsReported()
    {
        var desired = JsonNode.Parse("""{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}""");
        var described = JsonNode.Parse("""{"listeners":[{"portMapping":{"port":8080,"protocol":"http"},"healthCheck":{"port":8080}}]}""");

        Assert.Equal(["spec.listeners[0].healthCheck: {\"port\":8080} → (none)"], SpecDiff.Compare(desired, described, SpecSemantics.Of(AppMeshResourceKind.VirtualNode)));
    }

    [Fact]
    public void Compare_OtherKinds_HaveNoHealthCheckRule()
    {
        var desired = JsonNode.Parse("""{"listeners":[{"healthCheck":{"protocol":"http"}}]}""");
        var described = JsonNode.Parse("""{"listeners":[{"healthCheck":{"protocol":"http","port":8080}}]}""");

        Assert.Single(SpecDiff.Compare(desired, described, SpecSemantics.Of(AppMeshResourceKind.VirtualRouter)));
    }
}
