using System.Diagnostics;
using System.Globalization;
using System.Text;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// Spans as Cloud Trace v2 <c>Span</c>s (REST JSON). Pure. Over-long values are truncated and the truncation
/// counted (<c>truncatedByteCount</c>, <c>droppedAttributesCount</c>), never refused: display names to 128
/// bytes, string values to 256 bytes, at most 32 attributes, keys up to 128 bytes (longer keys are dropped and
/// counted). The trace and span ids are the W3C ones, unchanged. HTTP attributes also get Cloud Trace's own
/// labels (<c>/http/method</c>, <c>/http/status_code</c>, <c>/http/url</c>) so the console shows them.
/// </summary>
internal static class CloudTraceSpans
{
    public const int MaxDisplayNameBytes = 128;
    public const int MaxAttributes = 32;
    public const int MaxKeyBytes = 128;
    public const int MaxValueBytes = 256;

    private static readonly Dictionary<string, string> s_wellKnown = new(StringComparer.Ordinal)
    {
        ["http.request.method"] = "/http/method",
        ["http.response.status_code"] = "/http/status_code",
        ["url.full"] = "/http/url",
    };

    public static CloudTraceSpanDocument From(SpanSample span, string projectId)
    {
        var attributes = new Dictionary<string, CloudTraceAttributeValue>(StringComparer.Ordinal);
        var dropped = 0;
        foreach (var (rawKey, value) in span.Attributes)
        {
            var key = s_wellKnown.GetValueOrDefault(rawKey, rawKey);
            if (attributes.Count == MaxAttributes || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes || attributes.ContainsKey(key))
            {
                dropped++;
                continue;
            }
            attributes[key] = Value(value);
        }
        return new CloudTraceSpanDocument(
            Name: $"projects/{projectId}/traces/{span.TraceId}/spans/{span.SpanId}",
            SpanId: span.SpanId,
            ParentSpanId: span.ParentSpanId,
            DisplayName: Truncatable(span.Name, MaxDisplayNameBytes),
            StartTime: CloudMonitoringSeries.Time(span.Start),
            EndTime: CloudMonitoringSeries.Time(span.End),
            Attributes: new CloudTraceAttributes(attributes, dropped),
            Status: span.Status == ActivityStatusCode.Error
                ? new CloudTraceStatus(2, span.StatusDescription ?? "") // google.rpc.Code UNKNOWN
                : new CloudTraceStatus(0, null),
            SameProcessAsParentSpan: span.ParentSpanId is null ? null : !span.RemoteParent,
            SpanKind: span.Kind switch
            {
                ActivityKind.Server => "SERVER",
                ActivityKind.Client => "CLIENT",
                ActivityKind.Producer => "PRODUCER",
                ActivityKind.Consumer => "CONSUMER",
                _ => "INTERNAL",
            });
    }

    // AttributeValue has int, bool and string values: a double goes as its text, as an array goes as its JSON text.
    private static CloudTraceAttributeValue Value(object value) => AttributeText.JsonScalar(value) switch
    {
        bool b => new() { BoolValue = b },
        long integer => new() { IntValue = integer.ToString(CultureInfo.InvariantCulture) },
        _ => new() { StringValue = Truncatable(AttributeText.Of(value), MaxValueBytes) },
    };

    /// <summary>A <c>TruncatableString</c>: at most <paramref name="maxBytes"/> UTF-8 bytes, cut on a character boundary.</summary>
    public static CloudTraceTruncatableString Truncatable(string text, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes <= maxBytes)
            return new(text, 0);
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > maxBytes)
                break;
            kept.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }
        return new(kept.ToString(), bytes - used);
    }
}
