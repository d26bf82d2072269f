using MeshFed.Gateway.LoadBalancing;
using MeshFed.Gateway.Routing;
using MeshFed.Model.Loading;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>Ring-hash (rendezvous) picking: sticky per key, minimal movement when a destination leaves, spread, and no allocation.</summary>
public class ConsistentHashPolicyCostTests
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
        context.Features.Set(s_decision);
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
