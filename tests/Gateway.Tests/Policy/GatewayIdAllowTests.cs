using System.Net;
using MeshFed.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// An allow rule that names a site's gateway ID admits what that site's gateway sends over the federation link
/// (its identity proved by mTLS), and nothing else: not a caller who claims the ID, not this site's own mesh.
/// </summary>
public class GatewayIdAllowTests(GatewayIdAllowTests.Loopback loopback) : IClassFixture<GatewayIdAllowTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: ledger
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
              security:
                allow:
                  - from: [spiffe://t.example/site/c/gateway]
                    methods: [GET]
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => GatewayIdAllowTests.Mesh;
    }

    [Fact]
    public async Task RequestsFromTheNamedSitesGateway_AreAdmitted_WhateverTheCaller()
    {
        var f = loopback.Federation;

        var unknownCaller = await f.SendAsync("c", "ledger");

        Assert.Equal(HttpStatusCode.OK, unknownCaller.StatusCode);
        Assert.Equal("b", (await TestFederation.ReadAsync(unknownCaller)).Site);
        // The rule's other conditions still apply.
        Assert.Equal(HttpStatusCode.Forbidden, (await f.SendAsync("c", "ledger", method: HttpMethod.Post)).StatusCode);
    }

    [Fact]
    public async Task OtherSitesGateways_AndTheServingSitesOwnMesh_AreRefused()
    {
        var f = loopback.Federation;

        var fromA = await f.SendAsync("a", "ledger");
        var local = await f.SendAsync("b", "ledger", caller: "spiffe://cluster.local/ns/default/sa/web");

        Assert.Equal(HttpStatusCode.Forbidden, fromA.StatusCode);
        Assert.Equal("not-allowed", fromA.Headers.GetValues("x-meshfed-refused").Single());
        Assert.Equal(HttpStatusCode.Forbidden, local.StatusCode);
    }

    [Fact]
    public async Task ACallerClaimingTheGatewayId_IsNotTheGateway()
    {
        var f = loopback.Federation;

        // Site a's mesh "vouches" for a caller named by c's gateway ID: outside a's mesh trust domain, so unknown (E3),
        // and it arrives from a's gateway, not c's.
        var spoofed = await f.SendAsync("a", "ledger", caller: DataPath.GatewaySpiffeId("t.example", "c"));
        var local = await f.SendAsync("b", "ledger", caller: DataPath.GatewaySpiffeId("t.example", "c"));

        Assert.Equal(HttpStatusCode.Forbidden, spoofed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, local.StatusCode);
    }

    [Theory]
    [InlineData("spiffe://t.example/site/c/gateway", "c", true)]
    [InlineData("spiffe://t.example/site/c/gateway", "b", false)]
    [InlineData("spiffe://t.example/site/cc/gateway", "c", false)]
    [InlineData("spiffe://t.example/site/c/gateway/x", "c", false)]
    [InlineData("spiffe://other.example/site/c/gateway", "c", false)]
    [InlineData("spiffe://t.example/site/c", "c", false)]
    public void IsGatewayOf_MatchesExactlyOneSitesId(string from, string site, bool expected) =>
        Assert.Equal(expected, MeshFed.Gateway.Policy.AllowRules.IsGatewayOf(from, "t.example", site));
}
