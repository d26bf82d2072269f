using OpenTelemetry.Trace;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// The one sampling rule of the gateway's spans, used both by the routers (which decide before they create a span,
/// <see cref="RequestTracing"/>) and by the process's tracer (<c>GatewayTelemetry</c>), so the two agree.
/// </summary>
public static class TraceSampling
{
    /// <summary>
    /// Parent-based sampling at <paramref name="ratio"/>. A remote parent that is not sampled gets the ratio rather
    /// than never: the local listener clears the flag of callers not entitled to decide, and their requests must
    /// still be sampled at the rate. The ratio sampler decides by trace id, so a peer gateway at the same rate decides
    /// the same (<see href="https://opentelemetry.io/docs/specs/otel/trace/sdk/#traceidratiobased">TraceIdRatioBased</see>).
    /// </summary>
    public static Sampler For(double ratio)
    {
        var byTraceId = new TraceIdRatioBasedSampler(ratio);
        return new ParentBasedSampler(byTraceId, remoteParentNotSampled: byTraceId);
    }
}
