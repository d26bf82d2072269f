using System.Net;
using MeshFed.Federation.Up;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// ASP.NET Core's switch <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> makes an application take the client's address
/// from <c>X-Forwarded-For</c>, from any sender. The gateway decides whom to believe by the TCP peer's address (a
/// trusted hop's XFCC), so with the switch any client of the local port could name a trusted hop's address and then
/// any caller. The gateway does not honour the switch. The switch is read from the process environment when a host is
/// built, so these tests run alone (no other test builds a gateway meanwhile).
/// </summary>
[Collection(nameof(ForwardedHeadersSwitchTests))]
public sealed class ForwardedHeadersSwitchTests
{
    private const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: a, provider: onprem, mesh: istio, meshTrustDomain: a.mesh, gateway: { address: 10.0.0.1 } }
            - { name: b, provider: onprem, mesh: istio, meshTrustDomain: b.mesh, gateway: { address: 10.0.0.2 } }
          services:
            - name: orders
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }]
            - name: stock
              ports: [{ port: 8082 }]
              deployments: [{ site: b, version: v1 }]
              security:
                allow:
                  - from: [orders]
        """;

    [Fact]
    public async Task SwitchOn_ClientNamesATrustedHopInXForwardedFor_ItsXfccIsStillStripped()
    {
        const string Switch = "ASPNETCORE_FORWARDEDHEADERS_ENABLED";
        var before = Environment.GetEnvironmentVariable(Switch);
        Environment.SetEnvironmentVariable(Switch, "true");
        TestFederation f;
        try
        {
            // The trusted hop is a sidecar at 10.9.9.9; the attacker connects from loopback.
            f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { TypicalLatency = false, TrustXfccFrom = [IPNetwork.Parse("10.9.9.9/32")] });
        }
        finally
        {
            Environment.SetEnvironmentVariable(Switch, before);
        }
        await using (f)
        {
            var forged = await f.SendAsync("a", "stock", "/", caller: "spiffe://a.mesh/ns/default/sa/orders", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "10.9.9.9" });

            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("caller 'unknown'", await forged.Content.ReadAsStringAsync());
        }
    }
}

/// <summary>Tests that set the process environment a host reads when it is built: run alone.</summary>
[CollectionDefinition(nameof(ForwardedHeadersSwitchTests), DisableParallelization = true)]
public sealed class ForwardedHeadersSwitchCollection;
