using System.Net;
using MeshFed.Gateway.LoadBalancing;
using MeshFed.Gateway.Routing;
using MeshFed.Model;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// <see cref="ConsistentHashPolicy"/>: the manifest's <c>ring-hash</c> as rendezvous hashing. The same key goes to
/// the same destination, keys spread over the destinations, and a destination that leaves moves only its own keys.
/// </summary>
public class ConsistentHashPolicyTests
{
    private const string Mesh = TestMeshes.Sites + """

            - name: carts
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
              traffic:
                loadBalancer: { policy: ring-hash, hashOn: { header: x-user } }
        """;

    private static readonly ConsistentHashPolicy Policy = new();

    private static readonly ClusterState Cluster = new("local/carts/v1/8080");

    private static DestinationState[] Destinations(int count) => [.. Enumerable.Range(0, count).Select(i => new DestinationState($"v1-{i}"))];

    private static HttpContext Request(string? user = null, string? cookie = null, string ip = "10.1.2.3", Service? service = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        if (user is not null)
            context.Request.Headers["x-user"] = user;
        if (cookie is not null)
            context.Request.Headers.Cookie = $"session={cookie}";
        if (service is not null)
            context.Features.Set(new RoutingDecision(service, "v1", "b", RoutingDecision.Local, null, null, false));
        return context;
    }

    private static Service Carts() => TestPlans.Load(Mesh).Services.Single(s => s.Name == "carts");

    [Fact]
    public void NoneOrOneDestination_NeedsNoHash()
    {
        Assert.Null(Policy.PickDestination(Request(), Cluster, []));
        var only = Destinations(1);
        Assert.Same(only[0], Policy.PickDestination(Request(), Cluster, only));
    }

    [Fact]
    public void TheSameKey_GoesToTheSameDestination()
    {
        var carts = Carts();
        var destinations = Destinations(5);
        for (var user = 0; user < 50; user++)
        {
            var first = Policy.PickDestination(Request($"user-{user}", service: carts), Cluster, destinations);
            // A different source address does not matter: the key is the header.
            var again = Policy.PickDestination(Request($"user-{user}", ip: "10.9.9.9", service: carts), Cluster, destinations);
            Assert.Same(first, again);
        }
    }

    [Fact]
    public void Keys_SpreadOverEveryDestination()
    {
        var carts = Carts();
        var destinations = Destinations(4);
        var counts = destinations.ToDictionary(d => d, _ => 0);
        for (var user = 0; user < 4000; user++)
            counts[Policy.PickDestination(Request($"user-{user}", service: carts), Cluster, destinations)!]++;
        // 1,000 expected each; the standard deviation is about 27; allow 6 sigma.
        Assert.All(counts.Values, count => Assert.InRange(count, 840, 1160));
    }

    [Fact]
    public void ADestinationThatLeaves_MovesOnlyItsOwnKeys()
    {
        var carts = Carts();
        var all = Destinations(4);
        var without = all.Where(d => d.DestinationId != "v1-2").ToArray();
        var moved = 0;
        for (var user = 0; user < 1000; user++)
        {
            var before = Policy.PickDestination(Request($"user-{user}", service: carts), Cluster, all)!;
            var after = Policy.PickDestination(Request($"user-{user}", service: carts), Cluster, without)!;
            if (before.DestinationId == "v1-2")
                moved++;
            else
                Assert.Same(before, after);
        }
        Assert.InRange(moved, 150, 350);
    }

    [Fact]
    public void TheKey_IsTheHeader_ThenTheCookie_ThenTheSourceAddress()
    {
        var byHeader = new HashKey { Header = "x-user" };
        var byCookie = new HashKey { Cookie = "session" };
        var bySource = ConsistentHashPolicy.KeyHash(Request(), null);
        // The header decides wherever the caller connects from; without it, the source address does.
        Assert.Equal(ConsistentHashPolicy.KeyHash(Request("alice"), byHeader), ConsistentHashPolicy.KeyHash(Request("alice", ip: "10.9.9.9"), byHeader));
        Assert.NotEqual(ConsistentHashPolicy.KeyHash(Request("alice"), byHeader), ConsistentHashPolicy.KeyHash(Request("bob"), byHeader));
        Assert.NotEqual(bySource, ConsistentHashPolicy.KeyHash(Request("alice"), byHeader));
        Assert.Equal(bySource, ConsistentHashPolicy.KeyHash(Request(), byHeader));
        Assert.Equal(ConsistentHashPolicy.KeyHash(Request(cookie: "s1"), byCookie), ConsistentHashPolicy.KeyHash(Request(cookie: "s1", ip: "10.9.9.9"), byCookie));
        Assert.Equal(bySource, ConsistentHashPolicy.KeyHash(Request("alice"), byCookie));
        Assert.Equal(bySource, ConsistentHashPolicy.KeyHash(Request("alice"), null));
    }

    [Fact]
    public void WithoutARoutingDecision_TheSourceAddressIsTheKey()
    {
        var destinations = Destinations(8);
        var chosen = Enumerable.Range(0, 20)
            .Select(user => Policy.PickDestination(Request($"user-{user}"), Cluster, destinations))
            .Distinct()
            .ToList();
        Assert.Single(chosen);
    }

    [Fact]
    public void ALongKeyOrId_IsHashedTheSameWay()
    {
        // Past the stack buffer (512 bytes) the policy hashes in a pooled array: the choice must not depend on which.
        var carts = Carts();
        var longIds = Enumerable.Range(0, 3).Select(i => new DestinationState(new string('d', 600) + i)).ToArray();
        var key = new string('k', 2000);
        var first = Policy.PickDestination(Request(key, service: carts), Cluster, longIds);
        for (var i = 0; i < 5; i++)
            Assert.Same(first, Policy.PickDestination(Request(key, service: carts), Cluster, longIds));
        var spread = Enumerable.Range(0, 300)
            .Select(user => Policy.PickDestination(Request(key + user, service: carts), Cluster, longIds))
            .Distinct()
            .Count();
        Assert.Equal(3, spread);
    }
}
