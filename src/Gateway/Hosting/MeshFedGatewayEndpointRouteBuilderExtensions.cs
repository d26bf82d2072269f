using MeshFed.Gateway.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;

namespace MeshFed.Gateway.Hosting;

/// <summary>Maps a gateway listener registered by <see cref="MeshFedGatewayServiceCollectionExtensions.AddMeshFedGateway"/>, as YARP's <c>MapReverseProxy</c> does.</summary>
public static class MeshFedGatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the listener's proxy: its router (<see cref="InboundRouter"/> for <see cref="GatewayListener.Peer"/>,
    /// <see cref="OutboundRouter"/> for <see cref="GatewayListener.Local"/>) picks each request's cluster, then YARP
    /// balances the load and records passive health.
    /// </summary>
    public static ReverseProxyConventionBuilder MapMeshFedGateway(this IEndpointRouteBuilder endpoints, GatewayListener listener)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var gateway = endpoints.ServiceProvider.GetRequiredService<GatewayCore>();
        var lookup = endpoints.ServiceProvider.GetRequiredService<IProxyStateLookup>();
        var selector = gateway.Selector(lookup);
        // The overload taking the next step as a RequestDelegate: the one taking a Func<Task> allocates that Func and
        // a closure for it on every request.
        Func<HttpContext, RequestDelegate, Task> route = listener == GatewayListener.Peer
            ? new InboundRouter(gateway.State, lookup, selector, gateway.Access, gateway.Callers, gateway.Time, gateway.RecordsSpans).InvokeAsync
            : new OutboundRouter(gateway.State, lookup, selector, gateway.Access, gateway.Callers, gateway.Time, gateway.RecordsSpans).InvokeAsync;
        return endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.Use(route);
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
    }

    /// <summary>
    /// Maps <c>/healthz</c> (the process answers) and <c>/readyz</c> (not draining, and the SVID not expired on the
    /// gateway's clock; 503 with the reasons otherwise).
    /// </summary>
    public static IEndpointConventionBuilder MapMeshFedHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var gateway = endpoints.ServiceProvider.GetRequiredService<GatewayCore>();
        var group = endpoints.MapGroup("");
        group.MapGet("/healthz", () => Results.Text("ok\n"));
        group.MapGet("/readyz", () =>
        {
            var state = gateway.State;
            var trust = gateway.Trust.Current;
            var problems = new List<string>();
            if (state.Draining)
                problems.Add("draining");
            if (trust.NotAfter <= gateway.Time.GetUtcNow())
                problems.Add($"SVID expired at {trust.NotAfter:u}; issue a new one (meshfed trust issue)");
            return problems.Count == 0
                ? Results.Text($"ready: site {state.Plan.Site.Name}, {state.Plan.Mesh.Services.Count} services, {state.Reloads} reloads\n")
                : Results.Text($"not ready: {string.Join("; ", problems)}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return group;
    }
}
