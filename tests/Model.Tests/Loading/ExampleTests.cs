using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Model.Tests;

public class ExampleTests
{
    [Theory]
    [MemberData(nameof(Corpus.ExampleData), MemberType = typeof(Corpus))]
    public void Load_Example_IsValidWithoutWarnings(string example)
    {
        var result = ManifestLoader.Load(RepoPaths.Of($"examples/{example}"));

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Load_ShopFolder_MergesFilesIntoOneMesh()
    {
        var mesh = ManifestLoader.Load(RepoPaths.Of("examples/shop")).Mesh!;

        Assert.Equal("shop", mesh.Name);
        Assert.Equal(["aws-use1", "gcp-euw1", "dc-berlin"], mesh.Sites.Select(s => s.Name));
        Assert.Equal([CloudProvider.Aws, CloudProvider.Gcp, CloudProvider.OnPrem], mesh.Sites.Select(s => s.Provider));
        Assert.Equal([MeshKind.AppMesh, MeshKind.Istio, MeshKind.Istio], mesh.Sites.Select(s => s.Mesh));
        Assert.Equal(["checkout", "frontend", "inventory", "payments"], mesh.Services.Select(s => s.Name).Order());
        Assert.Equal([MetricsSink.CloudWatch, MetricsSink.CloudMonitoring, MetricsSink.Prometheus], mesh.Telemetry.Metrics);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), mesh.Telemetry.LatencyBuckets[^1]);
    }

    [Fact]
    public void Load_ShopCheckout_KeepsEveryConceptOfTheManifest()
    {
        var checkout = ManifestLoader.Load(RepoPaths.Of("examples/shop")).Mesh!.FindService("checkout", "shop")!;

        Assert.Equal("checkout.shop.svc.cluster.local", checkout.Host);
        Assert.Equal(new DnsDiscovery { Hostname = "checkout.shop.svc.cluster.local" }, checkout.Deployments[0].Discovery);
        Assert.Same(ServiceDiscovery.Kubernetes, checkout.Deployments[1].Discovery);
        Assert.False(checkout.ExportTo.AllSites);
        Assert.True(checkout.IsVisibleFrom("dc-berlin"));

        var testers = checkout.Traffic.Routes[0];
        Assert.Equal("testers", testers.Name);
        Assert.Equal(new PathMatch { Kind = PathMatchKind.Prefix, Value = "/api" }, testers.Match.Path);
        Assert.Equal("x-canary", testers.Match.Headers.Single().Name);
        Assert.Equal(new StringMatch { Kind = StringMatchKind.Exact, Value = "true" }, testers.Match.Headers.Single().Match);
        Assert.Equal(100, testers.To.Single().Weight);

        var canary = checkout.Traffic.Routes[1];
        Assert.True(canary.Match.IsCatchAll);
        Assert.Equal([("v1", 90), ("v2", 10)], canary.To.Select(t => (t.Version, t.Weight)));

        var traffic = checkout.Traffic;
        Assert.Equal(TimeSpan.FromSeconds(10), traffic.Timeout);
        Assert.Equal(3, traffic.Retries!.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), traffic.Retries.PerTryTimeout);
        Assert.Equal([RetryCondition.ServerError, RetryCondition.Reset, RetryCondition.ConnectFailure], traffic.Retries.On);
        Assert.Equal(50, traffic.CircuitBreaker!.MaxEjectionPercent);
        Assert.Equal(256, traffic.CircuitBreaker.MaxPendingRequests);
        Assert.Equal(LoadBalancingAlgorithm.LeastRequest, traffic.LoadBalancer.Algorithm);
        Assert.Equal(["aws-use1", "gcp-euw1"], traffic.Failover);

        var security = checkout.Security;
        Assert.Equal(MtlsMode.Strict, security.Mtls);
        Assert.Equal(["frontend"], security.Allow.Single().From);
        Assert.Equal(["GET", "POST"], security.Allow.Single().Methods);
        Assert.Equal(["/api/*"], security.Allow.Single().Paths);
        Assert.Equal("https://auth.shop.example", security.Jwt!.Issuer);
        Assert.Equal(["shop-api"], security.Jwt.Audiences);
        Assert.True(security.Jwt.Required);
    }

    [Fact]
    public void Load_ShopPayments_ReadsRingHashAndGrpc()
    {
        var payments = ManifestLoader.Load(RepoPaths.Of("examples/shop")).Mesh!.FindService("payments")!;

        Assert.Equal(ServiceProtocol.Grpc, payments.Ports.Single().Protocol);
        Assert.Equal(new LoadBalancer { Algorithm = LoadBalancingAlgorithm.RingHash, HashOn = new HashKey { Header = "x-customer-id" } },
            payments.Traffic.LoadBalancer);
        Assert.Equal([RetryCondition.Unavailable, RetryCondition.Reset], payments.Traffic.Retries!.On);
        // Only where the caller's identity reaches the gateway (App Mesh forwards none).
        Assert.False(payments.ExportTo.AllSites);
        Assert.True(payments.IsVisibleFrom("gcp-euw1"));
        Assert.False(payments.IsVisibleFrom("aws-use1"));
        // A single-version service without routes gets one implicit catch-all route to its version.
        Assert.Equal(("v3", 100), (payments.EffectiveRoutes.Single().To.Single().Version, payments.EffectiveRoutes.Single().To.Single().Weight));
    }

    [Fact]
    public void Load_Demo_HasTwoSitesAndThreeServices()
    {
        var mesh = ManifestLoader.Load(RepoPaths.Of("examples/demo")).Mesh!;

        Assert.Equal(2, mesh.Sites.Count);
        Assert.Equal(3, mesh.Services.Count);
        Assert.All(mesh.Sites, s => Assert.Equal("127.0.0.1", s.Gateway!.Address));
    }
}
