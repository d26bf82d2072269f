using MeshFed.Gateway.Config;
using MeshFed.Gateway.Routing;
using MeshFed.Model;

namespace MeshFed.Gateway.Tests;

/// <summary><see cref="ServiceRoutes"/>: what a gateway derives once per plan about one service's routes.</summary>
public class ServiceRoutesTests
{
    private static ServiceRoutes Orders(string site, bool serveLocal = false)
    {
        var plan = TestPlans.Build(RoutingMeshes.ThreeSites, site, serveLocal);
        return plan.RoutesOf(TestPlans.ServiceOf(plan, "orders"));
    }

    private static Route RouteNamed(ServiceRoutes routes, string name) => routes.Routes.Single(r => r.Name == name);

    private static string[] Versions(IReadOnlyList<RouteTarget> targets) => [.. targets.Select(t => t.Site is null ? t.Version : $"{t.Version}@{t.Site}")];

    [Fact]
    public void Routes_KeepTheManifestOrder()
    {
        Assert.Equal(["beta", "pinned", "canary"], Orders("a").Routes.Select(r => r.Name));
    }

    [Fact]
    public void BehindAMesh_OutboundSplitsOnlyTheRemoteShare()
    {
        // The mesh keeps v1's 70 % in site a; only v2's share reaches the gateway, so it goes to v2 alone.
        var routes = Orders("a");
        Assert.Equal(["v2"], Versions(routes.TargetsOf(RouteNamed(routes, "canary"), localOnly: false)));
    }

    [Fact]
    public void ServingLocally_OutboundSplitsEveryTarget()
    {
        var routes = Orders("a", serveLocal: true);
        Assert.Equal(["v1", "v2"], Versions(routes.TargetsOf(RouteNamed(routes, "canary"), localOnly: false)));
    }

    [Fact]
    public void ARouteWithOnlyLocalTargets_KeepsThemOutbound()
    {
        // No remote share to split: the targets stay (the router then skips its own site or fails over).
        var routes = Orders("c");
        Assert.Equal(["v1@c"], Versions(routes.TargetsOf(RouteNamed(routes, "pinned"), localOnly: false)));
    }

    [Fact]
    public void Inbound_TakesTheTargetsRunningHere()
    {
        var atA = Orders("a");
        Assert.Equal(["v1"], Versions(atA.TargetsOf(RouteNamed(atA, "canary"), localOnly: true)));
        Assert.Empty(atA.TargetsOf(RouteNamed(atA, "beta"), localOnly: true));
        // v1 runs in a, but the route pins v1 to c.
        Assert.Empty(atA.TargetsOf(RouteNamed(atA, "pinned"), localOnly: true));
        var atC = Orders("c");
        Assert.Equal(["v1@c"], Versions(atC.TargetsOf(RouteNamed(atC, "pinned"), localOnly: true)));
    }

    [Fact]
    public void SitesFor_OwnSiteFirst_ThenTheFailoverList_ThenTheRest()
    {
        Assert.Equal(["a", "c", "b"], Orders("a").SitesFor(null));
        Assert.Equal(["a", "c"], Orders("a").SitesFor("v1"));
        Assert.Equal(["b", "c", "a"], Orders("b").SitesFor(null));
        Assert.Equal(["c", "a"], Orders("b").SitesFor("v1"));
        Assert.Empty(Orders("b").SitesFor("v9"));
    }

    [Fact]
    public void ClusterFor_IsLocalHere_AndTheSiteElsewhere()
    {
        var routes = Orders("a");
        var port = routes.Service.Ports[0];
        Assert.Equal(ClusterIds.Local(routes.Service, "v1", 8081), routes.ClusterFor("v1", "a", port));
        Assert.Equal(ClusterIds.Remote(routes.Service, "b"), routes.ClusterFor("v2", "b", port));
        Assert.Equal(ClusterIds.Remote(routes.Service, "c"), routes.ClusterFor("v1", "c", port));
    }

    [Fact]
    public void PinsSite_OnlyWhereARouteNamesTheSite()
    {
        var routes = Orders("a");
        Assert.True(routes.PinsSite("v1", "c"));
        Assert.False(routes.PinsSite("v1", "a"));
        Assert.False(routes.PinsSite("v2", "b"));
    }

    [Fact]
    public void RunsVersion_AnywhereOrInASite()
    {
        var routes = Orders("a");
        Assert.True(routes.RunsVersion("v2", null));
        Assert.True(routes.RunsVersion("v2", "b"));
        Assert.False(routes.RunsVersion("v2", "a"));
        Assert.False(routes.RunsVersion("v9", null));
    }

    [Fact]
    public void AServiceWithoutRoutes_HasTheDefaultEvenSplit()
    {
        var plan = TestPlans.Build(TestMeshes.Sites + """

                - name: plain
                  ports: [{ port: 8080 }]
                  deployments: [{ site: a, version: v1 }, { site: b, version: v2 }]
            """, "a", serveLocal: true);
        var routes = plan.RoutesOf(TestPlans.ServiceOf(plan, "plain"));
        var route = Assert.Single(routes.Routes);
        Assert.True(route.Match.IsCatchAll);
        Assert.Equal([("v1", 50), ("v2", 50)], routes.TargetsOf(route, localOnly: false).Select(t => (t.Version, t.Weight)));
    }
}
