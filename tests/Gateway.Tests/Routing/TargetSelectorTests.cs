using MeshFed.Gateway.Config;
using MeshFed.Gateway.Routing;
using MeshFed.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// <see cref="TargetSelector"/>: pinned versions and sites, first-match routes, weighted splits, the site order,
/// failover and panic, on a plan and a <c>DefaultHttpContext</c> request, with cluster health given by the test.
/// </summary>
public class TargetSelectorTests
{
    private sealed class Health
    {
        public HashSet<string> Down { get; } = [];

        public bool IsHealthy(string clusterId) => !Down.Contains(clusterId);
    }

    private readonly Health _health = new();

    // Plans are immutable snapshots of the same manifest text: built once per site and setting, not once per choice
    // (the weighted-split test makes 10,000 choices, and loading and planning the manifest each time took minutes).
    private readonly Dictionary<(string Site, bool ServeLocal), GatewayPlan> _plans = [];

    private GatewayPlan Plan(string site, bool serveLocal = false)
    {
        if (!_plans.TryGetValue((site, serveLocal), out var plan))
            _plans[(site, serveLocal)] = plan = TestPlans.Build(RoutingMeshes.ThreeSites, site, serveLocal);
        return plan;
    }

    private TargetSelector.Choice Choose(string site, string service, string target = "/", IReadOnlyDictionary<string, string>? headers = null,
        bool localOnly = false, bool serveLocal = false, Random? random = null)
    {
        var plan = Plan(site, serveLocal);
        var chosen = TestPlans.ServiceOf(plan, service);
        return new TargetSelector(_health.IsHealthy, random ?? new Random(7)).Choose(plan, chosen, TestPlans.Request(target, headers: headers), chosen.Ports[0], localOnly);
    }

    private void Down(string site, string? version = null)
    {
        var orders = TestPlans.ServiceOf(Plan("a"), "orders");
        _health.Down.Add(version is null ? ClusterIds.Remote(orders, site) : ClusterIds.Local(orders, version, 8081));
    }

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) => headers.ToDictionary(h => h.Name, h => h.Value);

    [Fact]
    public void AMatchingHeaderRoute_ChoosesItsTarget()
    {
        var choice = Choose("a", "orders", headers: Headers(("x-beta", "1")));
        Assert.Equal(("v2", "b", false, "beta"), (choice.Version, choice.Site, choice.FailedOver, choice.Route?.Name));
        Assert.Null(choice.Refusal);
    }

    [Fact]
    public void APinnedVersion_BypassesTheRoutes()
    {
        var choice = Choose("a", "orders", "/pinned", Headers((DataPath.VersionHeader, "v2")));
        Assert.Equal(("v2", "b"), (choice.Version, choice.Site));
        Assert.Null(choice.Route);
    }

    [Fact]
    public void AVersionThatDoesNotRun_IsNoPin()
    {
        var choice = Choose("a", "orders", headers: Headers((DataPath.VersionHeader, "v9"), ("x-beta", "1")));
        Assert.Equal(("v2", "beta"), (choice.Version, choice.Route?.Name));
    }

    [Fact]
    public void APinnedSite_CountsOnlyWhereARoutePinsIt()
    {
        // From b, v1 runs in c (first in the failover order) and a. A route pins (v1, c), so that header is obeyed;
        // none pins (v1, a), so a caller naming a cannot steer around the failover order.
        var pinned = Choose("b", "orders", headers: Headers((DataPath.VersionHeader, "v1"), (DataPath.SiteHeader, "c")));
        Assert.Equal(("v1", "c"), (pinned.Version, pinned.Site));
        Down("c");
        var steered = Choose("b", "orders", headers: Headers((DataPath.VersionHeader, "v1"), (DataPath.SiteHeader, "a")));
        Assert.Equal(("v1", "a", true), (steered.Version, steered.Site, steered.FailedOver));
        _health.Down.Clear();
        var ignored = Choose("b", "orders", headers: Headers((DataPath.VersionHeader, "v1"), (DataPath.SiteHeader, "a")));
        Assert.Equal(("v1", "c", false), (ignored.Version, ignored.Site, ignored.FailedOver));
    }

    [Fact]
    public void BehindAMesh_TheGatewayDoesNotSendBackToItsOwnSite()
    {
        // v1 runs in a and c; the gateway of a only carries traffic leaving a, so it takes c.
        var choice = Choose("a", "orders", headers: Headers((DataPath.VersionHeader, "v1")));
        Assert.Equal(("v1", "c", false), (choice.Version, choice.Site, choice.FailedOver));
    }

    [Fact]
    public void ServingLocally_ItsOwnSiteComesFirst()
    {
        var choice = Choose("a", "orders", headers: Headers((DataPath.VersionHeader, "v1")), serveLocal: true);
        Assert.Equal(("v1", "a"), (choice.Version, choice.Site));
    }

    [Fact]
    public void WeightedSplit_FollowsTheDeclaredWeights()
    {
        var random = new Random(11);
        var v2 = 0;
        const int n = 10_000;
        for (var i = 0; i < n; i++)
        {
            var choice = Choose("a", "orders", serveLocal: true, random: random);
            Assert.Equal("canary", choice.Route?.Name);
            Assert.Equal(choice.Version == "v1" ? "a" : "b", choice.Site);
            v2 += choice.Version == "v2" ? 1 : 0;
        }
        // 30 % of 10,000: the standard deviation is sqrt(10000*0.3*0.7) = 46; allow 5 sigma.
        Assert.InRange(v2, 3000 - 230, 3000 + 230);
    }

    [Fact]
    public void NoMatchingRoute_IsRefused_WithTheReason()
    {
        var choice = Choose("a", "api", "/x");
        Assert.Null(choice.Version);
        Assert.Equal("no route of service 'api' matches GET /x", choice.Refusal);
        var admin = Choose("a", "api", "/x", Headers(("x-admin", "yes")));
        Assert.Equal(("v1", "b", "admins"), (admin.Version, admin.Site, admin.Route?.Name));
    }

    [Fact]
    public void AnUnhealthySite_FailsOverToTheNextHealthySiteOfTheService()
    {
        // beta sends to v2, which runs in b only; b is out, so the next site of a's order (a itself, then c) takes
        // the request with the version it runs there.
        Down("b");
        var choice = Choose("a", "orders", headers: Headers(("x-beta", "1")));
        Assert.Equal(("v1", "a", true), (choice.Version, choice.Site, choice.FailedOver));
        Down("a", "v1");
        choice = Choose("a", "orders", headers: Headers(("x-beta", "1")));
        Assert.Equal(("v1", "c", true), (choice.Version, choice.Site, choice.FailedOver));
    }

    [Fact]
    public void APreferredSiteOut_MovesToTheNextSiteOfTheSameVersion()
    {
        Down("c");
        var choice = Choose("b", "orders", headers: Headers((DataPath.VersionHeader, "v1")));
        Assert.Equal(("v1", "a", true), (choice.Version, choice.Site, choice.FailedOver));
    }

    [Fact]
    public void NothingHealthy_SendsToThePreferredSiteAnyway()
    {
        Down("a", "v1");
        Down("b");
        Down("c");
        var choice = Choose("a", "orders", headers: Headers(("x-beta", "1")));
        Assert.Equal(("v2", "b", false), (choice.Version, choice.Site, choice.FailedOver));
        Assert.Null(choice.Refusal);
    }

    [Fact]
    public void Inbound_StaysInThisSite()
    {
        Down("b");
        var choice = Choose("b", "orders", localOnly: true);
        Assert.Equal(("v2", "b", false, "canary"), (choice.Version, choice.Site, choice.FailedOver, choice.Route?.Name));
    }

    [Fact]
    public void Inbound_ARouteWithNoTargetHere_IsRefused()
    {
        var choice = Choose("b", "orders", "/pinned", localOnly: true);
        Assert.Null(choice.Version);
        Assert.Equal("route 'pinned' of service 'orders' has no target running in site 'b'", choice.Refusal);
    }

    [Fact]
    public void Inbound_APinnedVersionMustRunHere()
    {
        var pinned = Choose("a", "orders", headers: Headers((DataPath.VersionHeader, "v1")), localOnly: true);
        Assert.Equal(("v1", "a"), (pinned.Version, pinned.Site));
        // v2 does not run in a: the pin does not count, and the routes decide (canary's inbound share is v1).
        var notHere = Choose("a", "orders", headers: Headers((DataPath.VersionHeader, "v2")), localOnly: true);
        Assert.Equal(("v1", "a", "canary"), (notHere.Version, notHere.Site, notHere.Route?.Name));
    }
}
