using System.Diagnostics;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Policy;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// The local listener's propagator: the cross-cloud one, except that a caller who is not a trusted hop (the site
/// mesh's sidecar) cannot decide sampling. Its <c>traceparent</c> keeps the trace id and parent, but its sampled
/// flag is cleared before ASP.NET Core starts the request's activity, so the manifest's sampling rate decides
/// instead: otherwise any client of the local port could have every request exported to X-Ray or Cloud Trace,
/// which costs the operator money (R4). <see cref="GatewaySettings.TrustLocalTraceSampling"/> turns this off.
/// </summary>
/// <remarks>
/// The propagator sees only the headers; the connection comes from <see cref="IHttpContextAccessor"/>, which
/// ASP.NET Core sets when it creates the request's context, before it extracts the parent.
/// </remarks>
public sealed class LocalSamplingGuard(DistributedContextPropagator inner, IHttpContextAccessor accessor, GatewayState state) : DistributedContextPropagator
{
    /// <inheritdoc />
    public override IReadOnlyCollection<string> Fields => inner.Fields;

    /// <inheritdoc />
    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) => inner.Inject(activity, carrier, setter);

    /// <inheritdoc />
    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
        if (TraceHeaders.ParseTraceParent(traceId) is not { Sampled: true } parent || MayDecideSampling())
            return;
        traceId = (parent with { Sampled = false }).ToTraceParent();
    }

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => inner.ExtractBaggage(carrier, getter);

    private bool MayDecideSampling()
    {
        var plan = state.Plan;
        if (plan.Settings.TrustLocalTraceSampling)
            return true;
        var remote = accessor.HttpContext?.Connection.RemoteIpAddress;
        return ForwardedClientCertHops.Contains(plan.Settings.TrustXfccFrom ?? ForwardedClientCertHops.For(plan.Site), remote);
    }
}
