using System.Diagnostics;

namespace MeshFed.Telemetry;

/// <summary>
/// One finished span copied out of an <see cref="Activity"/>, so that it can be kept for resending and
/// serialized for any sink. Ids are lowercase hex (32 for the trace, 16 for spans); attributes keep their types.
/// </summary>
public sealed record SpanSample
{
    /// <summary>32 lowercase hex digits.</summary>
    public required string TraceId { get; init; }
    /// <summary>16 lowercase hex digits.</summary>
    public required string SpanId { get; init; }
    /// <summary>The parent's span id; null for a root span.</summary>
    public string? ParentSpanId { get; init; }
    /// <summary>The span's display name.</summary>
    public required string Name { get; init; }
    /// <summary>Server, client, internal…</summary>
    public ActivityKind Kind { get; init; }
    /// <summary>When the span started.</summary>
    public required DateTimeOffset Start { get; init; }
    /// <summary>When it ended.</summary>
    public required DateTimeOffset End { get; init; }
    /// <summary>Its status.</summary>
    public ActivityStatusCode Status { get; init; }
    /// <summary>Its status's description.</summary>
    public string? StatusDescription { get; init; }
    /// <summary>The parent came from another process (a caller's trace header).</summary>
    public bool RemoteParent { get; init; }
    /// <summary>Its attributes, with their types.</summary>
    public required IReadOnlyList<KeyValuePair<string, object>> Attributes { get; init; }

    /// <summary>The attribute's value as text, or null.</summary>
    public string? Attribute(string key)
    {
        foreach (var pair in Attributes)
        {
            if (pair.Key == key)
                return AttributeText.Of(pair.Value);
        }
        return null;
    }

    /// <summary>Every span of an export batch.</summary>
    public static List<SpanSample> FromBatch(in OpenTelemetry.Batch<Activity> batch)
    {
        var spans = new List<SpanSample>();
        foreach (var activity in batch)
            spans.Add(From(activity));
        return spans;
    }

    /// <summary>The span of <paramref name="activity"/>.</summary>
    public static SpanSample From(Activity activity)
    {
        var attributes = new List<KeyValuePair<string, object>>();
        foreach (var tag in activity.TagObjects)
        {
            if (tag.Value is not null)
                attributes.Add(new(tag.Key, tag.Value));
        }
        var start = new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero);
        return new SpanSample
        {
            TraceId = activity.TraceId.ToHexString(),
            SpanId = activity.SpanId.ToHexString(),
            ParentSpanId = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            Name = activity.DisplayName,
            Kind = activity.Kind,
            Start = start,
            End = start + activity.Duration,
            Status = activity.Status,
            StatusDescription = activity.StatusDescription,
            RemoteParent = activity.HasRemoteParent,
            Attributes = attributes,
        };
    }
}
