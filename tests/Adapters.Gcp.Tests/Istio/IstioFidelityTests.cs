using System.Text.Json.Nodes;
using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Adapters.Gcp.Tests.Simulation;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Gcp.Tests;

/// <summary>
/// One regression test per row of the fidelity review (the fidelity review of 2026-12-02, row numbers as there) that the Istio
/// rendering owns, each on a small manifest of the fidelity-* golden cases, asserting what a real cluster needs.
/// </summary>
public class IstioFidelityTests
{
    private static FederatedMesh Mesh(string @case) => IstioGolden.Load(Path.Combine(IstioGolden.Root, @case, "manifest.yaml"));

    private static IstioRendering Render(string @case, string site, IstioRenderOptions? options = null) =>
        IstioTranslator.Translate(Mesh(@case), site, options);

    private static KubernetesObject Find(IstioRendering rendering, string kind, string @namespace, string name) =>
        Assert.Single(rendering.Resources, r => r.Kind == kind && r.Namespace == @namespace && r.Name == name);

    private static JsonArray HttpRoutes(IstioRendering rendering, string @namespace, string name) =>
        Find(rendering, "VirtualService", @namespace, name).Spec["http"]!.AsArray();

    private static IEnumerable<JsonObject> GatewayDestinations(JsonNode route) =>
        route["route"]!.AsArray().Select(d => d!.AsObject()).Where(d => (string?)d["destination"]!["host"] == DataPath.GatewayHost);

    [Fact]
    public void Row2_GatewayHost_LocalListenerIsUpgradedToHttp2WithMeshMtls()
    {
        var rule = Find(Render("fidelity-multiport", "gke"), "DestinationRule", DataPath.GatewayNamespace, DataPath.GatewayService);

        Assert.Equal(DataPath.GatewayHost, (string)rule.Spec["host"]!);
        var port = Assert.Single(rule.Spec["trafficPolicy"]!["portLevelSettings"]!.AsArray());
        Assert.Equal(DataPath.LocalListenerPort, port!["port"]!["number"]!.GetValue<int>());
        Assert.Equal("UPGRADE", (string)port["connectionPool"]!["http"]!["h2UpgradePolicy"]!);
        Assert.Equal("ISTIO_MUTUAL", (string)port["tls"]!["mode"]!);
    }

    [Theory]
    [InlineData("gke")]
    [InlineData("dc")]
    public void Row14_GatewayWorkload_StrictMtlsExceptOnThePeerPort(string site)
    {
        var policy = Find(Render("fidelity-multiport", site), "PeerAuthentication", DataPath.GatewayNamespace, DataPath.GatewayService);

        Assert.Equal(DataPath.GatewayService, (string)policy.Spec["selector"]!["matchLabels"]!["app"]!);
        Assert.Equal("STRICT", (string)policy.Spec["mtls"]!["mode"]!);
        Assert.Equal("DISABLE", (string)policy.Spec["portLevelMtls"]![SiteGateway.DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["mode"]!);
    }

    [Fact]
    public void Row6_GatewayOutsideTheCluster_WarnsAndRendersNoGatewayPolicy()
    {
        var rendering = Render("fidelity-csm", "aws");

        Assert.DoesNotContain(rendering.Resources, r => r.Namespace == DataPath.GatewayNamespace && r.Name == DataPath.GatewayService);
        var warning = Assert.Single(rendering.Diagnostics, d => d.Concept == "gateway.platform");
        Assert.Contains("eks, gke or kubernetes", warning.Message);
    }

    [Fact]
    public void Row7_PlainVms_NoIstioMutualNoSelectorPoliciesAndAWarning()
    {
        var rendering = Render("fidelity-static-vms", "dc");

        var rule = Find(rendering, "DestinationRule", "shop", "inventory");
        Assert.Equal("DISABLE", (string)rule.Spec["trafficPolicy"]!["tls"]!["mode"]!);
        Assert.DoesNotContain(rendering.Resources, r => r.Kind is "PeerAuthentication" or "AuthorizationPolicy" or "RequestAuthentication" && r.Name.StartsWith("inventory", StringComparison.Ordinal));
        Assert.Contains(rendering.Diagnostics, d => d.Service == "inventory" && d.Concept == "security.mtls" && d.Message.Contains("cannot be enforced"));
        Assert.Contains(rendering.Diagnostics, d => d.Service == "inventory" && d.Concept == "security" && d.Message.Contains("allow rules and jwt are not enforced"));
    }

    [Fact]
    public void Row7_PodsAndVmsMixed_VmSubsetDisablesTlsPodsKeepMeshMtls()
    {
        var rule = Find(Render("fidelity-static-vms", "dc"), "DestinationRule", "shop", "pricing");

        Assert.Equal("ISTIO_MUTUAL", (string)rule.Spec["trafficPolicy"]!["tls"]!["mode"]!);
        var subsets = rule.Spec["subsets"]!.AsArray();
        Assert.Null(subsets.Single(s => (string)s!["name"]! == "v1")!["trafficPolicy"]);
        Assert.Equal("DISABLE", (string)subsets.Single(s => (string)s!["name"]! == "v2")!["trafficPolicy"]!["tls"]!["mode"]!);
    }

    [Fact]
    public void Row13_RemoteOnlyHosts_DnsRequirementSaidOncePerSite()
    {
        var rendering = Render("fidelity-multiport", "dc");

        var dns = Assert.Single(rendering.Diagnostics, d => d.Concept == "dns");
        Assert.Contains("ISTIO_META_DNS_CAPTURE", dns.Message);
        Assert.Contains("cache.data.svc.cluster.local", dns.Message);
        Assert.DoesNotContain("db.data.svc.cluster.local", dns.Message); // nothing is rendered for it
    }

    [Fact]
    public void Row15_TcpOnlyRemoteService_NoServiceEntryNoVirtualServiceButAWarning()
    {
        var rendering = Render("fidelity-multiport", "gke");

        Assert.DoesNotContain(rendering.Resources, r => r.Name == "db-data");
        var warning = Assert.Single(rendering.Diagnostics, d => d.Service == "db");
        Assert.Contains("nothing is rendered", warning.Message);
    }

    [Fact]
    public void Row15_LocalTcpServiceWhoseSharesAllGoElsewhere_NoEmptyVirtualService()
    {
        var rendering = Render("fidelity-multiport", "gke");

        Assert.DoesNotContain(rendering.Resources, r => r.Kind == "VirtualService" && r.Name == "queue");
        Assert.Contains(rendering.Diagnostics, d => d.Service == "queue" && d.Message.Contains("the local versions take all tcp traffic here"));
    }

    [Fact]
    public void Row15_MixedRemoteService_ServiceEntryCarriesOnlyRequestAwarePorts()
    {
        var rendering = Render("fidelity-multiport", "gke");

        var entry = Find(rendering, "ServiceEntry", DataPath.GatewayNamespace, "cache-data");
        var port = Assert.Single(entry.Spec["ports"]!.AsArray());
        Assert.Equal(8081, port!["number"]!.GetValue<int>());
        Assert.Contains(rendering.Diagnostics, d => d.Service == "cache" && d.Message.Contains("6379"));
    }

    [Fact]
    public void Row17_SiteWithoutRegionAndSitesBehindTheGateway_WarnAndRenderNoLocality()
    {
        var rendering = Render("fidelity-failover", "dc");

        Assert.DoesNotContain(rendering.Resources, r => r.Spec.ToJsonString().Contains("localityLbSetting"));
        var warning = Assert.Single(rendering.Diagnostics, d => d.Service == "ledger" && d.Concept == "traffic.failover");
        Assert.Contains("dc has no region", warning.Message);
        Assert.Contains("gke-eu, gke-us, aws are behind the meshfed gateway", warning.Message);
        Assert.Contains("nothing ejects failing ones", warning.Message); // no outlier detection is rendered, and the text says so
    }

    [Fact]
    public void Row17_SameNetworkRegions_LocalityOnlyBetweenRegionsWithEndpointsHere()
    {
        var rendering = Render("fidelity-failover", "gke-eu");

        var balancer = Find(rendering, "DestinationRule", "core", "ledger").Spec["trafficPolicy"]!;
        var failover = Assert.Single(balancer["loadBalancer"]!["localityLbSetting"]!["failover"]!.AsArray());
        Assert.Equal("europe-west1", (string)failover!["from"]!);
        Assert.Equal("us-central1", (string)failover["to"]!);
        Assert.NotNull(balancer["outlierDetection"]);
        Assert.Contains("outlier detection ejects", Assert.Single(rendering.Diagnostics, d => d.Concept == "traffic.failover").Message);
    }

    [Fact]
    public void Row18_CloudServiceMesh_JwksHostsGetServiceEntryAndTlsDestinationRule()
    {
        var rendering = Render("fidelity-csm", "gke");

        var entry = Find(rendering, "ServiceEntry", DataPath.GatewayNamespace, "jwks-auth-golden-example-443");
        Assert.Equal("MESH_EXTERNAL", (string)entry.Spec["location"]!);
        Assert.Equal("DNS", (string)entry.Spec["resolution"]!);
        Assert.Equal(443, entry.Spec["ports"]![0]!["number"]!.GetValue<int>());
        var rule = Find(rendering, "DestinationRule", DataPath.GatewayNamespace, "jwks-auth-golden-example-443");
        Assert.Equal("auth.golden.example", (string)rule.Spec["host"]!);
        Assert.Equal("SIMPLE", (string)rule.Spec["trafficPolicy"]!["tls"]!["mode"]!);
        Assert.Contains(rendering.Resources, r => r.Kind == "ServiceEntry" && r.Name == "jwks-login-golden-example-8443");
    }

    [Fact]
    public void Row18_OpenSourceIstio_NoJwksServiceEntry()
    {
        var rendering = Render("fidelity-csm", "gke", new IstioRenderOptions { Profile = IstioProfile.OpenSource });

        Assert.DoesNotContain(rendering.Resources, r => r.Name.StartsWith("jwks-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gke", "p-1.svc.id.goog")]
    [InlineData("dc", "dc.spire.example")]
    public void Row31_Principals_InTheSitesMeshTrustDomain(string site, string trustDomain)
    {
        var policy = Find(Render("fidelity-csm", site), "AuthorizationPolicy", "shop", "orders");

        var principals = policy.Spec["rules"]!.AsArray().SelectMany(r => r!["from"]![0]!["source"]!["principals"]!.AsArray()).Select(p => (string)p!).ToList();
        Assert.Contains($"{trustDomain}/ns/shop/sa/web", principals);
        Assert.Contains($"{trustDomain}/ns/meshfed-system/sa/meshfed-gateway", principals);
    }

    [Fact]
    public void Row24_SharesToTheGateway_OnlyConnectFailureRetriesNoPerTryTimeoutTimeoutKept()
    {
        var rendering = Render("fidelity-multiport", "gke");

        foreach (var route in HttpRoutes(rendering, "apps", "api").Where(r => GatewayDestinations(r!).Any()))
        {
            Assert.Equal("5s", (string)route!["timeout"]!);
            Assert.Equal("connect-failure", (string)route["retries"]!["retryOn"]!);
            Assert.Null(route["retries"]!["perTryTimeout"]);
        }
    }

    [Fact]
    public void Row26_RepeatedFinding_ReportedOncePerService()
    {
        var rendering = Render("fidelity-multiport", "gke");

        Assert.Single(rendering.Diagnostics, d => d.Service == "api" && d.Concept == "traffic.retries");
        Assert.Equal(rendering.Diagnostics.Count, rendering.Diagnostics.Distinct().Count());
    }

    [Fact]
    public void Row26_GatewayFederationIdInAllowRule_WarnsItActsOnlyAtTheGateway()
    {
        var warning = Assert.Single(Render("fidelity-multiport", "gke").Diagnostics, d => d.Concept == "security.allow.from");

        Assert.Contains("spiffe://golden.example/site/dc/gateway", warning.Message);
        Assert.Contains("checked only by the meshfed gateways", warning.Message);
    }

    [Fact]
    public void Row27_MultiPortService_EachPortsRouteCarriesItsPortToTheGateway()
    {
        var routes = HttpRoutes(Render("fidelity-multiport", "gke"), "apps", "api");

        foreach (var port in new[] { 9090, 8080 })
        {
            var route = Assert.Single(routes, r => r!["match"]?[0]?["port"]?.GetValue<int>() == port);
            Assert.All(GatewayDestinations(route!), d => Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)d["headers"]!["request"]!["set"]![DataPath.PortHeader]!));
        }
    }

    [Fact]
    public void Row30_NoRetriesDeclared_ExplicitAttemptsZeroOnEveryRoute()
    {
        var rendering = Render("fidelity-csm", "gke");

        foreach (var service in rendering.Resources.Where(r => r.Kind == "VirtualService"))
            Assert.All(service.Spec["http"]!.AsArray(), r => Assert.Equal(0, r!["retries"]!["attempts"]!.GetValue<int>()));
    }

    [Fact]
    public void Row33_SameGatewayDestinationTwiceWithDifferentPins_SplitsAsDeclared()
    {
        var mesh = Mesh("fidelity-multiport");
        var rendering = IstioTranslator.Translate(mesh, "dc");
        var simulator = new IstioSimulator("dc", rendering.Resources);

        var split = simulator.Route("ledger.core.svc.cluster.local", new SimRequest("/", "POST", new Dictionary<string, string>(), new Dictionary<string, string>(), Port: 7000));

        Assert.NotNull(split);
        Assert.Equal(0.7, split[new Landing("*", "v1")], 9);
        Assert.Equal(0.3, split[new Landing("*", "v2")], 9);
        var route = Assert.Single(HttpRoutes(rendering, DataPath.GatewayNamespace, "ledger-core"));
        Assert.Equal(2, GatewayDestinations(route!).Count()); // one Envoy cluster, two weighted entries with their own headers
    }

    [Fact]
    public void Row35_SourceIpHashOnAServiceServedToOtherSites_Warns()
    {
        var warning = Assert.Single(Render("fidelity-multiport", "gke").Diagnostics, d => d.Concept == "traffic.loadBalancer");

        Assert.Contains("source IP", warning.Message);
        Assert.DoesNotContain(Render("outlier-detection", "gke").Diagnostics, d => d.Concept == "traffic.loadBalancer"); // hashOn cookie
    }
}
