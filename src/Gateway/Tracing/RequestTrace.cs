using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// One request's place in its trace as the gateway passes it on: the context the next hop is given (in all three
/// header formats to a service, in W3C's to a peer gateway: <see cref="WriteTo"/>) and, when the request is sampled and this gateway records spans, the
/// gateway's own server span, which is then that context's parent.
/// </summary>
/// <param name="Outgoing">The trace id, the parent span id and the sampling decision the next hop receives.</param>
/// <param name="TraceState">The caller's W3C <c>tracestate</c>, passed on unchanged.</param>
/// <param name="Span">The gateway's span; null when the request is not sampled or nothing records it.</param>
public readonly record struct RequestTrace(TraceHeaders.Context Outgoing, string? TraceState, Activity? Span)
{
    /// <summary>
    /// Replaces whatever trace headers the caller sent with <see cref="Outgoing"/>: in all three formats on a request to
    /// a service, whose mesh or code may read any of them; in W3C's alone (with <see cref="TraceState"/>) on a request to
    /// another site's gateway (<paramref name="toPeerGateway"/>), which reads <c>traceparent</c> before the others
    /// (<see cref="RequestTracing.Begin"/>) and writes all three again for its service. The link is mTLS from gateway
    /// to gateway, so no load balancer or proxy between them reads the other two; each would only be one more header
    /// to encode at A and to decode into strings at B, on every request.
    /// </summary>
    public void WriteTo(HttpHeaders headers, bool toPeerGateway)
    {
        headers.Remove(TraceHeaders.TraceParent);
        headers.Remove(TraceHeaders.TraceState);
        headers.Remove(TraceHeaders.AmazonTraceId);
        headers.Remove(TraceHeaders.CloudTraceContext);
        headers.TryAddWithoutValidation(TraceHeaders.TraceParent, Outgoing.ToTraceParent());
        if (!string.IsNullOrEmpty(TraceState))
            headers.TryAddWithoutValidation(TraceHeaders.TraceState, TraceState);
        if (toPeerGateway)
            return;
        headers.TryAddWithoutValidation(TraceHeaders.AmazonTraceId, Outgoing.ToAmazon());
        headers.TryAddWithoutValidation(TraceHeaders.CloudTraceContext, Outgoing.ToCloudTrace());
    }

    /// <summary>Ends the gateway's span, if any, with the response's status (an error from 500 on, as for server spans).</summary>
    public void End(HttpContext context)
    {
        if (Span is not { } span)
            return;
        var status = context.Response.StatusCode;
        span.SetTag("http.response.status_code", status);
        if (status >= 500)
        {
            // https://opentelemetry.io/docs/specs/semconv/http/http-spans/#status: server spans are errors from 5xx.
            span.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            span.SetStatus(ActivityStatusCode.Error);
        }
        span.Stop();
    }
}
