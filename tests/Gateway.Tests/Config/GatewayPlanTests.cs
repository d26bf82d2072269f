using MeshFed.Gateway.Config;
using MeshFed.Gateway.LoadBalancing;
using MeshFed.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// <see cref="GatewayPlan"/>: what one gateway derives from the manifest (served hosts, YARP clusters for the
/// local and peer listeners, breakers, load-balancing policies) and how a request's port is chosen.
/// </summary>
public class GatewayPlanTests
{
    private const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: a, provider: aws, region: us-east-1, mesh: appmesh, gateway: { address: 10.0.0.1 } }
            - { name: b, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: "fd00::2", port: 8443 } }
            - { name: c, provider: onprem, mesh: istio, gateway: { address: 10.0.0.3 } }
          services:
            - name: orders
              ports: [{ port: 8081 }, { port: 9090, protocol: grpc }, { port: 5432, protocol: tcp }]
              deployments: [{ site: a, version: v1 }, { site: b, version: v2 }]
              traffic:
                circuitBreaker: { consecutive5xx: 2 }
                loadBalancer: least-request
            - name: db
              ports: [{ port: 5432, protocol: tcp }]
              deployments: [{ site: b, version: v1 }]
            - name: web
              ports: [{ port: 80 }, { port: 8080 }]
              deployments: [{ site: b, version: v1 }, { site: c, version: v1 }]
        """;

    private static GatewayPlan PlanOf(string site, int trustGeneration = 0) => TestPlans.Build(Mesh, site, trustGeneration: trustGeneration);

    [Fact]
    public void AnUnknownSite_IsRejected_NamingTheSites()
    {
        var error = Assert.Throws<ArgumentException>(() => TestPlans.Build(Mesh, "z"));
        Assert.Equal("site 'z' is not in mesh 't'; its sites: a, b, c", error.Message);
    }

    [Fact]
    public void Outbound_ServesEveryRequestAwareServiceVisibleHere_Inbound_OnlyThoseRunningHere()
    {
        var plan = PlanOf("a");
        Assert.Equal("orders", plan.Outbound.Find("orders.default.svc.cluster.local").Service?.Name);
        Assert.Equal("web", plan.Outbound.Find("web.default.svc.cluster.local").Service?.Name);
        Assert.Null(plan.Outbound.Find("db.default.svc.cluster.local").Service); // TCP only: nothing to route
        Assert.Equal("orders", plan.Inbound.Find("orders.default.svc.cluster.local").Service?.Name);
        Assert.Null(plan.Inbound.Find("web.default.svc.cluster.local").Service);
        Assert.Equal(["orders"], plan.View.LocalRequestServices.Select(s => s.Name));
    }

    [Fact]
    public void RemoteClusters_OnePerServiceAndOtherSite_ToThatSitesGateway()
    {
        var plan = PlanOf("a", trustGeneration: 3);
        var orders = TestPlans.ServiceOf(plan, "orders");
        var toB = plan.LocalProxy.Clusters.Single(c => c.ClusterId == ClusterIds.Remote(orders, "b"));
        var destination = Assert.Single(toB.Destinations!);
        Assert.Equal("b", destination.Key);
        Assert.Equal("https://[fd00::2]:8443/", destination.Value.Address); // an IPv6 literal in brackets
        Assert.Equal(orders.Host, destination.Value.Host);
        Assert.Equal("b", toB.Metadata![GatewayPlan.SiteMetadata]);
        Assert.Equal("3", toB.Metadata[GatewayPlan.TrustGenerationMetadata]);
        Assert.Equal(GatewayPlan.OutlierPolicyName, toB.HealthCheck?.Passive?.Policy);

        var web = TestPlans.ServiceOf(plan, "web");
        Assert.Equal("https://10.0.0.3:15443/", plan.LocalProxy.Clusters.Single(c => c.ClusterId == ClusterIds.Remote(web, "c")).Destinations!.Single().Value.Address);
        // Never a cluster to its own site, never one for a TCP-only service.
        Assert.DoesNotContain(plan.LocalProxy.Clusters, c => c.ClusterId == ClusterIds.Remote(orders, "a"));
        Assert.DoesNotContain(plan.LocalProxy.Clusters, c => c.ClusterId.Contains("db.", StringComparison.Ordinal));
    }

    [Fact]
    public void LocalClusters_OnePerVersionAndRequestAwarePort_OnBothListeners()
    {
        var plan = PlanOf("a");
        var orders = TestPlans.ServiceOf(plan, "orders");
        string[] local = [ClusterIds.Local(orders, "v1", 8081), ClusterIds.Local(orders, "v1", 9090)];
        Assert.Equal(local, plan.PeerProxy.Clusters.Select(c => c.ClusterId).Where(id => id != ClusterIds.Unrouted));
        Assert.All(local, id => Assert.Contains(plan.LocalProxy.Clusters, c => c.ClusterId == id));
        var http = plan.PeerProxy.Clusters.Single(c => c.ClusterId == local[0]);
        Assert.Equal("LeastRequests", http.LoadBalancingPolicy);
        Assert.Equal(GatewayPlan.OutlierPolicyName, http.HealthCheck?.Passive?.Policy);
        // Both listeners take everything on one route; the router chooses the cluster per request.
        Assert.Equal(ClusterIds.Unrouted, Assert.Single(plan.LocalProxy.Routes).ClusterId);
        Assert.Equal(ClusterIds.Unrouted, Assert.Single(plan.PeerProxy.Routes).ClusterId);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    public void PeerProxyOf_IsThePeerProxyOfTheWholePlan(string site)
    {
        // The analysis reads hop 3 from PeerProxyOf without building the plan: it must be the same configuration.
        var mesh = TestPlans.Load(Mesh);
        var settings = new GatewaySettings { Site = site };
        var plan = GatewayPlan.Build(mesh, settings);

        var alone = GatewayPlan.PeerProxyOf(mesh, settings);

        Assert.Contains(alone.Clusters, c => c.ClusterId != ClusterIds.Unrouted);
        Assert.Equal(plan.PeerProxy.Routes, alone.Routes); // YARP's configs compare by value, destinations included
        Assert.Equal(plan.PeerProxy.Clusters, alone.Clusters);
    }

    [Fact]
    public void PeerProxyOf_AnUnknownSite_IsRejected_AsByBuild() =>
        Assert.Equal("site 'z' is not in mesh 't'; its sites: a, b, c",
            Assert.Throws<ArgumentException>(() => GatewayPlan.PeerProxyOf(TestPlans.Load(Mesh), new GatewaySettings { Site = "z" })).Message);

    [Fact]
    public void Breakers_CoverEveryCluster_NullWithoutACircuitBreaker()
    {
        var plan = PlanOf("c");
        var orders = TestPlans.ServiceOf(plan, "orders");
        var web = TestPlans.ServiceOf(plan, "web");
        // The breaker rides in the cluster's metadata (OutlierSettings), read once per cluster configuration.
        OutlierSettings? BreakerOf(string clusterId) =>
            OutlierSettings.Read(plan.LocalProxy.Clusters.Concat(plan.PeerProxy.Clusters).First(c => c.ClusterId == clusterId).Metadata); // a local cluster serves both listeners
        Assert.Equal(2, BreakerOf(ClusterIds.Remote(orders, "b"))?.Consecutive5xx);
        Assert.Null(BreakerOf(ClusterIds.Remote(web, "b")));
        Assert.Null(BreakerOf(ClusterIds.Local(web, "v1", 80)));
        Assert.Null(plan.LocalProxy.Clusters.Single(c => c.ClusterId == ClusterIds.Local(web, "v1", 80)).HealthCheck);
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithm.RoundRobin, "RoundRobin")]
    [InlineData(LoadBalancingAlgorithm.LeastRequest, "LeastRequests")]
    [InlineData(LoadBalancingAlgorithm.Random, "Random")]
    [InlineData(LoadBalancingAlgorithm.RingHash, ConsistentHashPolicy.PolicyName)]
    public void LoadBalancingPolicyName_IsYarpsName(LoadBalancingAlgorithm algorithm, string expected) =>
        Assert.Equal(expected, GatewayPlan.LoadBalancingPolicyName(new LoadBalancer { Algorithm = algorithm }));

    [Theory]
    [InlineData("orders", null, "9090", 9090)] // x-meshfed-port names it
    [InlineData("orders", 8081, null, 8081)] // the Host names it
    [InlineData("web", null, null, 80)] // several ports, no name: the scheme's default
    [InlineData("web", 8080, null, 8080)]
    public void PortFor_IsNamedOrUnambiguous(string service, int? hostPort, string? header, int expected)
    {
        var port = GatewayPlan.PortFor(TestPlans.ServiceOf(PlanOf("b"), service), hostPort, header, out var refusal);
        Assert.Null(refusal);
        Assert.Equal(expected, port?.Port);
    }

    [Fact]
    public void PortFor_TheOnlyRequestAwarePort_WhenNothingNamesOne()
    {
        var single = TestPlans.Load(TestMeshes.Sites + """

                - name: one
                  ports: [{ port: 7000 }, { port: 5432, protocol: tcp }]
                  deployments: [{ site: b, version: v1 }]
            """).Services.Single();
        Assert.Equal(7000, GatewayPlan.PortFor(single, null, null, out _)?.Port);
    }

    [Theory]
    [InlineData("orders", null, "5432", "x-meshfed-port: '5432' names no HTTP or gRPC port of service 'orders' (8081, 9090)")]
    [InlineData("orders", null, "+9090", "x-meshfed-port: '+9090' names no HTTP or gRPC port of service 'orders' (8081, 9090)")]
    [InlineData("orders", 5432, null, "the Host names port 5432, which is no HTTP or gRPC port of service 'orders' (8081, 9090)")]
    [InlineData("orders", null, null, "service 'orders' has several HTTP/gRPC ports (8081, 9090): name one in the Host or in x-meshfed-port")]
    [InlineData("db", null, null, "service 'db' has no HTTP or gRPC port")]
    public void PortFor_NeverGuesses(string service, int? hostPort, string? header, string expected)
    {
        Assert.Null(GatewayPlan.PortFor(TestPlans.ServiceOf(PlanOf("b"), service), hostPort, header, out var refusal));
        Assert.Equal(expected, refusal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    public void Routes_NameNoAuthorizationOrCorsPolicy(string site)
    {
        // The proxy listeners run without ASP.NET Core's authorization middleware (GatewayHost.WithoutAuthorizationMiddleware):
        // a route naming a policy would answer every request 500. Who may call what is the allow rules' decision.
        var plan = PlanOf(site);
        Assert.All(plan.LocalProxy.Routes.Concat(plan.PeerProxy.Routes), route =>
        {
            Assert.Null(route.AuthorizationPolicy);
            Assert.Null(route.CorsPolicy);
        });
    }

    [Fact]
    public void ChoosePort_RecordsThePortForTheNextHops()
    {
        var orders = TestPlans.ServiceOf(PlanOf("a"), "orders");
        var request = TestPlans.Request();
        Assert.Equal(9090, GatewayPlan.ChoosePort(request, orders, 9090, out _)?.Port);
        Assert.Equal("9090", request.Headers[DataPath.PortHeader].ToString());
    }

    [Theory]
    [InlineData("9090", "")] // read as "9090" (empty entries are skipped), but would go on as "9090,"
    [InlineData("9090", "9090")]
    [InlineData("09090")]
    public void ChoosePort_LeavesTheNextHopOneCanonicalValue(params string[] sent)
    {
        var orders = TestPlans.ServiceOf(PlanOf("a"), "orders");
        var request = TestPlans.Request();
        request.Headers[DataPath.PortHeader] = sent;
        GatewayPlan.ChoosePort(request, orders, null, out var refusal);
        if (refusal is null)
            Assert.Equal("9090", Assert.Single(request.Headers[DataPath.PortHeader].ToArray()));
    }

    [Fact]
    public void ChoosePort_KeepsTheValueTheSendingGatewayWrote()
    {
        var orders = TestPlans.ServiceOf(PlanOf("a"), "orders");
        var request = TestPlans.Request();
        var written = "9090";
        request.Headers[DataPath.PortHeader] = written;
        Assert.Equal(9090, GatewayPlan.ChoosePort(request, orders, null, out _)?.Port);
        Assert.Same(written, request.Headers[DataPath.PortHeader][0]);
    }
}
