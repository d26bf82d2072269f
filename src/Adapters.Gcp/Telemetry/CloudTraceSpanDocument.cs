namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// A Cloud Trace v2 <c>Span</c> as meshfed writes it, in this order (REST reference,
/// <see href="https://cloud.google.com/trace/docs/reference/v2/rest/v2/projects.traces/batchWrite"/> and its
/// <c>Span</c> resource). Unset fields are left out.
/// </summary>
internal sealed record CloudTraceSpanDocument(
    string Name,
    string SpanId,
    string? ParentSpanId,
    CloudTraceTruncatableString DisplayName,
    string StartTime,
    string EndTime,
    CloudTraceAttributes Attributes,
    CloudTraceStatus Status,
    bool? SameProcessAsParentSpan,
    string SpanKind);

/// <summary>A <c>TruncatableString</c>: the kept text and how many UTF-8 bytes were cut.</summary>
internal sealed record CloudTraceTruncatableString(string Value, int TruncatedByteCount);

/// <summary>A span's <c>attributes</c>: the map and how many attributes did not fit in it.</summary>
internal sealed record CloudTraceAttributes(IReadOnlyDictionary<string, CloudTraceAttributeValue> AttributeMap, int DroppedAttributesCount);

/// <summary>An <c>AttributeValue</c>: exactly one of its members is set (<c>intValue</c> is an int64 as text).</summary>
internal sealed record CloudTraceAttributeValue
{
    /// <summary>A boolean.</summary>
    public bool? BoolValue { get; init; }

    /// <summary>An integer, as JSON writes an int64: text.</summary>
    public string? IntValue { get; init; }

    /// <summary>Anything else, as text.</summary>
    public CloudTraceTruncatableString? StringValue { get; init; }
}

/// <summary>A span's <c>status</c> (<c>google.rpc.Status</c>): 0 OK, 2 UNKNOWN with the span's description.</summary>
internal sealed record CloudTraceStatus(int Code, string? Message);

/// <summary>The <c>batchWrite</c> request body.</summary>
internal sealed record CloudTraceBatchWrite(IReadOnlyList<CloudTraceSpanDocument> Spans);
