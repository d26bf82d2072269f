using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
        var segment = Build(span, fallbackName);
        var text = JsonSerializer.Serialize(segment, XRayJsonContext.Default.XRaySegmentDocument);
        if (Encoding.UTF8.GetByteCount(text) <= MaxDocumentBytes)
            return text;
        text = JsonSerializer.Serialize(segment with { Metadata = null }, XRayJsonContext.Default.XRaySegmentDocument);
        return Encoding.UTF8.GetByteCount(text) <= MaxDocumentBytes ? text : null;
    }

    private static XRaySegmentDocument Build(SpanSample span, string? fallbackName)
    {
        var name = span.Attribute(GoldenSignals.ServiceAttribute) ?? fallbackName ?? span.Name;
        var standalone = span.ParentSpanId is not null && span.Kind != ActivityKind.Server;
        var method = span.Attribute("http.request.method") ?? span.Attribute("http.method");
        var url = span.Attribute("url.full") ?? span.Attribute("http.url");
        var statusText = span.Attribute("http.response.status_code") ?? span.Attribute("http.status_code");
        int? status = int.TryParse(statusText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;

        var annotations = new Dictionary<string, object>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in span.Attributes)
        {
            if (key.StartsWith("meshfed.", StringComparison.Ordinal) && annotations.Count < MaxAnnotations)
                annotations[AnnotationKey(key)] = Scalar(value);
            else
                metadata[key] = MetadataValue(value);
        }

        return new XRaySegmentDocument(SegmentName(name), span.SpanId, XRayIds.FromW3C(span.TraceId), Seconds(span.Start), Seconds(span.End))
        {
            ParentId = span.ParentSpanId,
            Type = standalone ? "subsegment" : null,
            Namespace = standalone && span.Kind == ActivityKind.Client ? "remote" : null,
            Http = method is not null || url is not null || status is not null
                ? new XRayHttp(
                    method is not null || url is not null ? new XRayHttpRequest(method is null ? null : Clip(method), url is null ? null : Clip(url)) : null,
                    status is { } answered ? new XRayHttpResponse(answered) : null)
                : null,
            Error = status is >= 400 and < 500 ? true : null,
            Throttle = status == 429 ? true : null,
            Fault = status >= 500 || span.Status == ActivityStatusCode.Error ? true : null,
            Annotations = annotations.Count > 0 ? annotations : null,
            Metadata = metadata.Count > 0 ? new XRayMetadata(metadata) : null,
        };
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

    // Annotation values may be strings, numbers or booleans; a number JSON cannot hold (NaN, infinity) is kept as text,
    // and so is an array (its JSON text, AttributeText). Only the types XRayJsonContext lists (bool, long, double,
    // string, object[] of those) may come out: any other would fail the export.
    private static object Scalar(object value) => AttributeText.JsonScalar(value) ?? Clip(AttributeText.Of(value));

    // Metadata values may be any JSON ("Segment documents", metadata: "objects and lists"): an array attribute stays a list
    // (or, if listing it throws, its text, which says so: AttributeText never throws).
    private static object MetadataValue(object value)
    {
        if (value is not IEnumerable elements || value is string)
            return Scalar(value);
        try
        {
            return elements.Cast<object?>().Select(e => e is null ? null : Scalar(e)).ToArray();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Scalar(value);
        }
    }

    private static string Clip(string text) => text.Length <= MaxStringLength ? text : text[..MaxStringLength];
}
