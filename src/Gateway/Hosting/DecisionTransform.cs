using MeshFed.Gateway.Resilience;
using MeshFed.Gateway.Routing;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// Writes the router's <see cref="RoutingDecision"/> onto the forwarded request, as every route's request transform:
/// the trace context (<see cref="Tracing.RequestTrace.WriteTo"/>), YARP's default <c>X-Forwarded-*</c> headers, and
/// the decision itself for the <see cref="ResilienceHandler"/>. On a request to a peer gateway the trace goes in W3C's
/// format alone, and no forwarding header at all (not even a caller's), because the peer's YARP sets its own
/// (its default action replaces whatever arrived:
/// https://learn.microsoft.com/aspnet/core/fundamentals/servers/yarp/transforms#x-forwarded), so the service sees
/// the same headers either way and the link carries three fewer to encode, decode into strings and drop.
/// </summary>
internal static class DecisionTransform
{
    // YARP's default forwarders, built by YARP (TransformBuilder adds the same to every route unless told not to).
    private static readonly RequestTransform[] s_forwarded = DefaultForwarders();

    // The headers those forwarders set or remove (RFC 7239's Forwarded); a caller's own are not passed to a peer either.
    private static readonly string[] s_forwardedHeaders = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix", "Forwarded"];

    /// <summary>Adds the transform to a route in place of YARP's default forwarders, which it applies itself.</summary>
    public static void Add(TransformBuilderContext context)
    {
        context.UseDefaultForwarders = false;
        context.AddRequestTransform(Apply);
    }

    private static ValueTask Apply(RequestTransformContext transform)
    {
        var decision = transform.HttpContext.Features.Get<RoutingDecision>();
        var toPeerGateway = decision?.Direction == RoutingDecision.Outbound;
        if (decision is not null)
        {
            decision.Trace?.WriteTo(transform.ProxyRequest.Headers, toPeerGateway);
            // Only when there is a pipeline to apply: setting an option allocates the options dictionary.
            if (decision.Resilience is not null)
                transform.ProxyRequest.Options.Set(ResilienceHandler.DecisionOption, decision);
        }
        if (!toPeerGateway)
            return ForwardedAsync(transform);
        foreach (var header in s_forwardedHeaders)
            transform.ProxyRequest.Headers.Remove(header);
        return ValueTask.CompletedTask;
    }

    // Completes synchronously (YARP's forwarders do), and then allocates nothing.
    private static async ValueTask ForwardedAsync(RequestTransformContext transform)
    {
        foreach (var forwarder in s_forwarded)
            await forwarder.ApplyAsync(transform).ConfigureAwait(false);
    }

    private static RequestTransform[] DefaultForwarders()
    {
        var context = new TransformBuilderContext();
        context.AddXForwarded();
        return [.. context.RequestTransforms];
    }
}
