using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MeshFed.Model;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// Spans as X-Ray segment documents (developer guide "Segment documents"). Pure: a span in, a JSON document
/// out. Server spans and spans without a parent are segments; others are standalone subsegments
/// (<c>type: subsegment</c> with <c>parent_id</c>), client spans in the <c>remote</c> namespace. The golden-signal
/// attributes become annotations (searchable; dots become underscores), others go to metadata. HTTP status maps to
/// error (4xx), throttle (429) and fault (5xx or an error status). A document above 64 KB loses its metadata;
/// if it is still too large it is refused (null) and counted by the caller.
/// </summary>
internal static class XRaySegments
{
    public const int MaxDocumentBytes = 64 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxAnnotations = 50;
    private const int MaxStringLength = 250;

    public static string? Document(SpanSample span, string? fallbackName = null)
    {
        var segment = Build(span, fallbackName, withMetadata: true);
        var text = segment.ToJsonString();
        if (Encoding.UTF8.GetByteCount(text) <= MaxDocumentBytes)
            return text;
        segment.Remove("metadata");
        text = segment.ToJsonString();
        return Encoding.UTF8.GetByteCount(text) <= MaxDocumentBytes ? text : null;
    }

    private static JsonObject Build(SpanSample span, string? fallbackName, bool withMetadata)
    {
        var name = span.Attribute(GoldenSignals.ServiceAttribute) ?? fallbackName ?? span.Name;
        var segment = new JsonObject
        {
            ["name"] = SegmentName(name),
            ["id"] = span.SpanId,
            ["trace_id"] = XRayIds.FromW3C(span.TraceId),
            ["start_time"] = Seconds(span.Start),
            ["end_time"] = Seconds(span.End),
        };
        var standalone = span.ParentSpanId is not null && span.Kind != ActivityKind.Server;
        if (span.ParentSpanId is not null)
            segment["parent_id"] = span.ParentSpanId;
        if (standalone)
        {
            segment["type"] = "subsegment";
            if (span.Kind == ActivityKind.Client)
                segment["namespace"] = "remote";
        }

        var method = span.Attribute("http.request.method") ?? span.Attribute("http.method");
        var url = span.Attribute("url.full") ?? span.Attribute("http.url");
        var statusText = span.Attribute("http.response.status_code") ?? span.Attribute("http.status_code");
        int? status = int.TryParse(statusText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
        if (method is not null || url is not null || status is not null)
        {
            var http = new JsonObject();
            if (method is not null || url is not null)
            {
                var request = new JsonObject();
                if (method is not null)
                    request["method"] = Clip(method);
                if (url is not null)
                    request["url"] = Clip(url);
                http["request"] = request;
            }
            if (status is not null)
                http["response"] = new JsonObject { ["status"] = status };
            segment["http"] = http;
        }
        if (status is >= 400 and < 500)
            segment["error"] = true;
        if (status == 429)
            segment["throttle"] = true;
        if (status >= 500 || span.Status == ActivityStatusCode.Error)
            segment["fault"] = true;

        var annotations = new JsonObject();
        var metadata = new JsonObject();
        foreach (var (key, value) in span.Attributes)
        {
            if (key.StartsWith("meshfed.", StringComparison.Ordinal) && annotations.Count < MaxAnnotations)
                annotations[AnnotationKey(key)] = Scalar(value);
            else if (withMetadata)
                metadata[key] = Scalar(value);
        }
        if (annotations.Count > 0)
            segment["annotations"] = annotations;
        if (metadata.Count > 0)
            segment["metadata"] = new JsonObject { ["default"] = metadata };
        return segment;
    }

    /// <summary>X-Ray names allow letters, digits, whitespace and <c>_ . : / % &amp; # = + \ - @</c>, up to 200 characters.</summary>
    public static string SegmentName(string name)
    {
        var builder = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (var c in name)
        {
            if (builder.Length == MaxNameLength)
                break;
            builder.Append(char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || "_.:/%&#=+\\-@".Contains(c) ? c : '_');
        }
        return builder.Length == 0 ? "meshfed" : builder.ToString();
    }

    private static string AnnotationKey(string key) => new([.. key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    private static double Seconds(DateTimeOffset time) => Math.Round(time.ToUnixTimeMilliseconds() / 1000.0 + (time.Ticks % TimeSpan.TicksPerMillisecond) / 1e7, 6);

    private static JsonNode Scalar(object value) => value switch
    {
        bool b => JsonValue.Create(b),
        int or long or short or byte => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double or float => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Clip(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
    };

    private static string Clip(string text) => text.Length <= MaxStringLength ? text : text[..MaxStringLength];
}
