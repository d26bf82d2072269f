using System.Net;
using MeshFed.Federation.Up;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// ASP.NET Core's switch <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> makes an application take the client's address
/// from <c>X-Forwarded-For</c>, from any sender. The gateway decides whom to believe by the TCP peer's address (a
/// trusted hop's XFCC), so with the switch any client of the local port could name a trusted hop's address and then
/// any caller. The gateway does not honour the switch. The switch is read from the process environment when a host is
/// built, so these tests run alone (no other test builds a gateway meanwhile). The federation is
/// <see cref="CallerIdentityTests"/>'s, whose <c>stock</c> admits only <c>orders</c> of site a's mesh.
/// </summary>
[Collection(nameof(ForwardedHeadersSwitchTests))]
public sealed class ForwardedHeadersSwitchTests
{
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
            f = await TestFederation.StartAsync(CallerIdentityTests.Mesh, new LocalFederationOptions { TypicalLatency = false, TrustXfccFrom = [IPNetwork.Parse("10.9.9.9/32")] });
        }
        finally
        {
            Environment.SetEnvironmentVariable(Switch, before);
        }
        await using (f)
        {
            var forged = await f.SendAsync("a", "stock", "/stock/42", caller: CallerIdentityTests.OrdersOfA, headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "10.9.9.9" });

            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("caller 'unknown'", await forged.Content.ReadAsStringAsync());
        }
    }
}

/// <summary>Tests that set the process environment a host reads when it is built: run alone.</summary>
[CollectionDefinition(nameof(ForwardedHeadersSwitchTests), DisableParallelization = true)]
public sealed class ForwardedHeadersSwitchCollection;
