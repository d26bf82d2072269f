using System.Diagnostics;
using MeshFed.Gateway.Telemetry;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Trace;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// Continues a request's trace without a per-request <see cref="Activity"/> unless the request is sampled. The
/// caller's context is read from whichever of W3C <c>traceparent</c>, <c>X-Amzn-Trace-Id</c> and
/// <c>X-Cloud-Trace-Context</c> it sent (in that order of preference). The sampling decision is made first, by the
/// same sampler the tracer uses (<see cref="TraceSampling"/>); only a sampled request gets a server span, which then
/// parents the next hop. An unsampled request passes the caller's context on as it came (trace id, parent span,
/// flags), which is what a hop that records nothing does: W3C Trace Context
/// (<see href="https://www.w3.org/TR/trace-context/#a-traceparent-is-received"/>) lets a participant that does not
/// record forward the received <c>parent-id</c>, so the callee's span still hangs from a span the trace has.
/// </summary>
public static class RequestTracing
{
    /// <summary>The gateway span's name.</summary>
    public const string SpanName = "meshfed.gateway";

    /// <summary>
    /// Begins <paramref name="context"/>'s trace. A caller that may not decide sampling
    /// (<paramref name="mayDecideSampling"/> false: a local caller that is not the mesh's sidecar) keeps its trace id
    /// and parent, but its sampled flag is ignored, so <paramref name="sampler"/>'s rate decides: otherwise any client
    /// of the local port could have every request exported to X-Ray or Cloud Trace at the operator's expense (R4).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="mayDecideSampling">Whether the caller's sampled flag is believed.</param>
    /// <param name="sampler">The plan's sampler (<see cref="TraceSampling"/>).</param>
    /// <param name="recordSpans">Whether this gateway records spans (it has a tracer); without one, nothing is created.</param>
    public static RequestTrace Begin(HttpContext context, bool mayDecideSampling, Sampler sampler, bool recordSpans)
    {
        var headers = context.Request.Headers;
        string? traceState = null;
        var parent = TraceHeaders.ParseTraceParent(headers[TraceHeaders.TraceParent]);
        if (parent is not null)
            traceState = headers[TraceHeaders.TraceState];
        else
            parent = TraceHeaders.ParseAmazon(headers[TraceHeaders.AmazonTraceId]) ?? TraceHeaders.ParseCloudTrace(headers[TraceHeaders.CloudTraceContext]);
        if (parent is { Sampled: true } claimed && !mayDecideSampling)
            parent = claimed with { Sampled = false };

        var traceId = parent?.TraceId ?? ActivityTraceId.CreateRandom();
        var parentContext = parent is { } p
            ? new ActivityContext(p.TraceId, p.SpanId, p.Sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, traceState, isRemote: true)
            : default;
        var sampled = sampler.ShouldSample(new SamplingParameters(parentContext, traceId, SpanName, ActivityKind.Server)).Decision == SamplingDecision.RecordAndSample;
        var span = sampled && recordSpans ? StartSpan(context, parent is null ? null : parentContext, traceId) : null;
        var outgoing = span is not null
            ? new TraceHeaders.Context(span.TraceId, span.SpanId, true)
            : new TraceHeaders.Context(traceId, parent?.SpanId ?? ActivitySpanId.CreateRandom(), sampled);
        return new RequestTrace(outgoing, traceState, span);
    }

    private static Activity? StartSpan(HttpContext context, ActivityContext? parent, ActivityTraceId traceId)
    {
        var source = GatewayMetrics.Source;
        var span = parent is { } remote
            ? source.StartActivity(SpanName, ActivityKind.Server, remote)
            : RootTraceIds.Start(source, SpanName, ActivityKind.Server, traceId);
        if (span is null)
            return null;
        // The attributes OpenTelemetry's HTTP server spans carry (https://opentelemetry.io/docs/specs/semconv/http/http-spans/),
        // and url.full, which the X-Ray and Cloud Trace exporters read; without the query, which may hold secrets.
        var request = context.Request;
        span.DisplayName = request.Method;
        span.SetTag("http.request.method", request.Method);
        span.SetTag("url.scheme", request.Scheme);
        span.SetTag("url.path", request.Path.Value);
        span.SetTag("url.full", $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");
        span.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is { } port)
            span.SetTag("server.port", port);
        span.SetTag("network.protocol.version", request.Protocol switch { "HTTP/2" => "2", "HTTP/1.1" => "1.1", "HTTP/1.0" => "1.0", _ => request.Protocol });
        return span;
    }
}
