using MeshFed.Federation.Up;
using MeshFed.Gateway.Routing;
using MeshFed.Gateway.Telemetry;
using MeshFed.Model;

namespace MeshFed.Federation.Tests;

/// <summary>
/// <c>meshfed up</c>'s table reads the gateways' own instruments: requests in flight are observed from the gateways'
/// counts when the table is drawn (the gauge is not updated per request), and only where a request entered the federation.
/// </summary>
public sealed class SignalWindowTests
{
    // A service name no other test uses: every gateway of the process counts in the one static meter.
    private static readonly Service Ledger = new()
    {
        Name = "ledger-signal-window",
        Ports = [new ServicePort { Port = 8080 }],
        Deployments = [new Deployment { Site = "b", Version = "v1" }],
    };

    private static RoutingDecision To(string direction) => new(Ledger, "v1", "b", direction, null, null, false);

    [Fact]
    public void InFlight_IsWhatTheGatewaysHoldNow_WhereRequestsEntered()
    {
        // Began before anything listened: a gauge updated per request would have missed its start and counted its end
        // as -1; an observed count sees it.
        var early = GatewayMetrics.Start(To(RoutingDecision.Outbound), "a");
        using var window = new SignalWindow();
        var finished = GatewayMetrics.Start(To(RoutingDecision.Outbound), "a");
        var held = new[] { GatewayMetrics.Start(To(RoutingDecision.Outbound), "a"), GatewayMetrics.Start(To(RoutingDecision.Local), "c") };
        var inbound = GatewayMetrics.Start(To(RoutingDecision.Inbound), "b"); // the same request's second hop: not counted again
        GatewayMetrics.Finish(finished, 200, TimeSpan.FromMilliseconds(4));

        var row = Assert.Single(window.Snapshot(), r => r.Key.Service == Ledger.Name);
        Assert.Equal(3, row.InFlight);
        Assert.Equal(1, row.Requests);
        Assert.Equal(3, window.Snapshot().Single(r => r.Key.Service == Ledger.Name).InFlight); // read again, not added up again

        foreach (var request in held.Append(inbound).Append(early))
            GatewayMetrics.Finish(request, 200, TimeSpan.FromMilliseconds(4));
        Assert.Equal(0, window.Snapshot().Single(r => r.Key.Service == Ledger.Name).InFlight);
    }
}
