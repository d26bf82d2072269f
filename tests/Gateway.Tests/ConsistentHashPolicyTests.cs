using MeshFed.Gateway.LoadBalancing;
using MeshFed.Gateway.Routing;
using MeshFed.Model.Loading;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>Ring-hash (rendezvous) picking: sticky per key, minimal movement when a destination leaves, spread, and no allocation.</summary>
public class ConsistentHashPolicyTests
{
    private const string Mesh = TestMeshes.Sites + """

            - name: cart
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
              traffic:
                loadBalancer: { policy: ring-hash, hashOn: { header: x-user } }
        """;

    private static readonly RoutingDecision s_decision =
        new(ManifestLoader.LoadText(Mesh, "m.yaml").Mesh!.Services[0], "v1", "b", RoutingDecision.Local, null, null, false);

    private static readonly ConsistentHashPolicy s_policy = new();

    private static List<DestinationState> Destinations(int count) => [.. Enumerable.Range(0, count).Select(i => new DestinationState($"v1-{i}"))];

    private static DefaultHttpContext Request(string user)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-user"] = user;
        context.Items[ProxyDispatch.DecisionKey] = s_decision;
        return context;
    }

    private static string Pick(string user, IReadOnlyList<DestinationState> destinations) =>
        s_policy.PickDestination(Request(user), new ClusterState("c"), destinations)!.DestinationId;

    [Fact]
    public void SameKey_SameDestination_WhateverTheOrder()
    {
        var destinations = Destinations(8);
        var first = Pick("alice", destinations);
        Assert.Equal(first, Pick("alice", destinations));
        Assert.Equal(first, Pick("alice", [.. Enumerable.Reverse(destinations)]));
    }

    [Fact]
    public void ADestinationLeaving_MovesOnlyItsKeys_AndKeysSpread()
    {
        var all = Destinations(5);
        var users = Enumerable.Range(0, 1000).Select(i => $"user-{i}").ToList();
        var before = users.ToDictionary(u => u, u => Pick(u, all));
        foreach (var group in before.Values.GroupBy(d => d))
            Assert.InRange(group.Count(), 120, 280); // 200 each on average

        var remaining = all.Where(d => d.DestinationId != "v1-2").ToList();
        foreach (var user in users)
        {
            var after = Pick(user, remaining);
            if (before[user] != "v1-2")
                Assert.Equal(before[user], after);
        }
    }

    [Fact]
    public void Picking_AllocatesNothing()
    {
        var destinations = Destinations(6);
        var context = Request("alice");
        var cluster = new ClusterState("c");
        s_policy.PickDestination(context, cluster, destinations); // the destinations' id hashes are computed once, here

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            s_policy.PickDestination(context, cluster, destinations);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
