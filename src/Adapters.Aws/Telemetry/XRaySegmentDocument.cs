using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// The fields of an X-Ray segment document meshfed writes, in the order it writes them (developer guide, "AWS X-Ray
/// segment documents": <see href="https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html"/>).
/// A subsegment sent on its own carries <c>type: subsegment</c> and its <c>parent_id</c>; unset fields are left out.
/// </summary>
internal sealed record XRaySegmentDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("trace_id")] string TraceId,
    [property: JsonPropertyName("start_time")] double StartTime,
    [property: JsonPropertyName("end_time")] double EndTime)
{
    /// <summary>The parent's id, for a subsegment or a segment continuing a caller's trace.</summary>
    [JsonPropertyName("parent_id")]
    public string? ParentId { get; init; }

    /// <summary><c>subsegment</c> for a subsegment sent on its own.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary><c>remote</c> for a call to another service.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary>The request and response.</summary>
    [JsonPropertyName("http")]
    public XRayHttp? Http { get; init; }

    /// <summary>A 4xx answer.</summary>
    [JsonPropertyName("error")]
    public bool? Error { get; init; }

    /// <summary>A 429 answer.</summary>
    [JsonPropertyName("throttle")]
    public bool? Throttle { get; init; }

    /// <summary>A 5xx answer or an error status.</summary>
    [JsonPropertyName("fault")]
    public bool? Fault { get; init; }

    /// <summary>Indexed, searchable values: strings, numbers or booleans.</summary>
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, object>? Annotations { get; init; }

    /// <summary>Not indexed: everything else, in the <c>default</c> namespace.</summary>
    [JsonPropertyName("metadata")]
    public XRayMetadata? Metadata { get; init; }
}

/// <summary>A segment's <c>http</c> object.</summary>
internal sealed record XRayHttp(
    [property: JsonPropertyName("request")] XRayHttpRequest? Request,
    [property: JsonPropertyName("response")] XRayHttpResponse? Response);

/// <summary>A segment's <c>http.request</c>.</summary>
internal sealed record XRayHttpRequest(
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("url")] string? Url);

/// <summary>A segment's <c>http.response</c>.</summary>
internal sealed record XRayHttpResponse([property: JsonPropertyName("status")] int Status);

/// <summary>A segment's <c>metadata</c>: one namespace, <c>default</c>.</summary>
internal sealed record XRayMetadata([property: JsonPropertyName("default")] IReadOnlyDictionary<string, object> Default);

/// <summary>
/// The <c>PutTraceSegments</c> input: each document as a JSON string (API reference,
/// <see href="https://docs.aws.amazon.com/xray/latest/api/API_PutTraceSegments.html"/>).
/// </summary>
internal sealed record PutTraceSegmentsInput(IReadOnlyList<string> TraceSegmentDocuments);
