using System.Diagnostics;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// A <see cref="DistributedContextPropagator"/> that reads whichever of W3C <c>traceparent</c>,
/// <c>X-Amzn-Trace-Id</c> and <c>X-Cloud-Trace-Context</c> a request carries (in that order of preference)
/// and writes all three on the way out, with the same trace id and the gateway's span as parent. ASP.NET
/// Core uses it to continue the incoming trace; YARP's client uses it for the outgoing request.
/// </summary>
public sealed class CrossCloudPropagator : DistributedContextPropagator
{
    private static readonly DistributedContextPropagator s_w3c = CreateW3CPropagator();

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Fields { get; } =
        [TraceHeaders.TraceParent, TraceHeaders.TraceState, TraceHeaders.AmazonTraceId, TraceHeaders.CloudTraceContext, "baggage"];

    /// <inheritdoc />
    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        if (activity is null || setter is null || activity.IdFormat != ActivityIdFormat.W3C)
            return;
        var context = new TraceHeaders.Context(activity.TraceId, activity.SpanId, activity.Recorded);
        setter(carrier, TraceHeaders.TraceParent, context.ToTraceParent());
        if (!string.IsNullOrEmpty(activity.TraceStateString))
            setter(carrier, TraceHeaders.TraceState, activity.TraceStateString);
        setter(carrier, TraceHeaders.AmazonTraceId, context.ToAmazon());
        setter(carrier, TraceHeaders.CloudTraceContext, context.ToCloudTrace());
        if (!activity.Baggage.Any())
            return; // the common case: no closure allocated per request
        s_w3c.Inject(activity, carrier, (c, name, value) =>
        {
            // The W3C propagator writes traceparent again; only its baggage is wanted here.
            if (name == "baggage")
                setter(c, name, value);
        });
    }

    /// <inheritdoc />
    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceId = null;
        traceState = null;
        if (getter is null)
            return;
        getter(carrier, TraceHeaders.TraceParent, out var traceParent, out _);
        if (TraceHeaders.ParseTraceParent(traceParent) is not null)
        {
            traceId = traceParent;
            getter(carrier, TraceHeaders.TraceState, out traceState, out _);
            return;
        }
        getter(carrier, TraceHeaders.AmazonTraceId, out var amazon, out _);
        getter(carrier, TraceHeaders.CloudTraceContext, out var google, out _);
        var context = TraceHeaders.ParseAmazon(amazon) ?? TraceHeaders.ParseCloudTrace(google);
        traceId = context?.ToTraceParent();
    }

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        s_w3c.ExtractBaggage(carrier, getter);
}
