using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// The three trace-context headers one cross-cloud trace travels in, and the mapping between them
/// (docs/gateway.md, "Trace context across clouds"). The trace id is 128 bits in all three: W3C's 32 hex digits are X-Ray's
/// <c>1-&lt;8 hex&gt;-&lt;24 hex&gt;</c> split after the 8th digit, and Cloud Trace's 32 hex digits as they are.
/// The parent span id is 64 bits: 16 hex digits in W3C and X-Ray, a decimal number in Cloud Trace.
/// </summary>
public static class TraceHeaders
{
    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>W3C Trace Context.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C vendor state.</summary>
    public const string TraceState = "tracestate";

    /// <summary>AWS X-Ray (App Mesh's Envoy, ALB, Lambda).</summary>
    public const string AmazonTraceId = "X-Amzn-Trace-Id";

    /// <summary>Google Cloud Trace (GCLB, Cloud Run, Cloud Service Mesh).</summary>
    public const string CloudTraceContext = "X-Cloud-Trace-Context";

    /// <summary>A trace position: trace id, parent span id, and whether it is sampled.</summary>
    /// <remarks>Each format is written into a buffer on the stack and allocated once, as the finished header value.</remarks>
    public readonly record struct Context(ActivityTraceId TraceId, ActivitySpanId SpanId, bool Sampled)
    {
        /// <summary>As a W3C <c>traceparent</c>.</summary>
        public string ToTraceParent() =>
            string.Create(CultureInfo.InvariantCulture, stackalloc char[64], $"00-{TraceId.ToHexString()}-{SpanId.ToHexString()}-{(Sampled ? "01" : "00")}");

        /// <summary>As an <c>X-Amzn-Trace-Id</c>.</summary>
        public string ToAmazon()
        {
            var hex = TraceId.ToHexString();
            return string.Create(CultureInfo.InvariantCulture, stackalloc char[96], $"Root=1-{hex.AsSpan(0, 8)}-{hex.AsSpan(8)};Parent={SpanId.ToHexString()};Sampled={(Sampled ? 1 : 0)}");
        }

        /// <summary>As an <c>X-Cloud-Trace-Context</c>.</summary>
        public string ToCloudTrace()
        {
            Span<byte> bytes = stackalloc byte[8];
            SpanId.CopyTo(bytes);
            var spanId = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            return string.Create(CultureInfo.InvariantCulture, stackalloc char[64], $"{TraceId.ToHexString()}/{spanId};o={(Sampled ? 1 : 0)}");
        }
    }

    /// <summary>
    /// Parses a W3C <c>traceparent</c> (version 00 layout; later versions are read the same way, as the spec says;
    /// version ff is invalid). Upper-case hex digits, which the spec does not allow, are read as lower case rather
    /// than refused: a caller's trace is kept, not restarted.
    /// </summary>
    public static Context? ParseTraceParent(string? value)
    {
        if (value is null || value.Length < 55 || value[2] != '-' || value[35] != '-' || value[52] != '-' || value.StartsWith("ff", StringComparison.OrdinalIgnoreCase))
            return null;
        if (value.Length > 55 && (value.StartsWith("00", StringComparison.Ordinal) || value[55] != '-'))
            return null;
        if (!IsHex(value.AsSpan(0, 2)) || !IsHex(value.AsSpan(53, 2)))
            return null;
        var trace = TraceIdOf(value.AsSpan(3, 32));
        var span = SpanIdOf(value.AsSpan(36, 16));
        if (trace is null || span is null)
            return null;
        var flags = byte.Parse(value.AsSpan(53, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return new Context(trace.Value, span.Value, (flags & 1) == 1);
    }

    /// <summary>Parses <c>Root=1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx;Parent=xxxxxxxxxxxxxxxx;Sampled=1</c> (fields in any order).</summary>
    /// <remarks>Without <c>Parent</c> (a trace an AWS load balancer started) a new parent id is made up.</remarks>
    public static Context? ParseAmazon(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        ReadOnlySpan<char> root = default, parent = default, sampled = default;
        var hasParent = false;
        var text = value.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var part = text[range].Trim();
            var equals = part.IndexOf('=');
            if (equals <= 0)
                continue;
            var key = part[..equals];
            var field = part[(equals + 1)..];
            if (key.Equals("Root", StringComparison.OrdinalIgnoreCase))
                root = field;
            else if (key.Equals("Parent", StringComparison.OrdinalIgnoreCase))
            {
                parent = field;
                hasParent = true;
            }
            else if (key.Equals("Sampled", StringComparison.OrdinalIgnoreCase))
                sampled = field;
        }
        if (root.Length != 35 || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-')
            return null;
        Span<char> joined = stackalloc char[32];
        root.Slice(2, 8).CopyTo(joined);
        root.Slice(11, 24).CopyTo(joined[8..]);
        var trace = TraceIdOf(joined);
        if (trace is null)
            return null;
        var span = hasParent ? SpanIdOf(parent) : ActivitySpanId.CreateRandom();
        if (span is null)
            return null;
        return new Context(trace.Value, span.Value, sampled.SequenceEqual("1"));
    }

    /// <summary>Parses <c>TRACE_ID/SPAN_ID;o=1</c> (span id decimal; <c>/SPAN_ID</c> and <c>;o=</c> optional).</summary>
    public static Context? ParseCloudTrace(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var text = value.AsSpan();
        var options = text.IndexOf(';');
        var ids = options < 0 ? text : text[..options];
        var sampled = options >= 0 && text[(options + 1)..].Trim().SequenceEqual("o=1");
        var slash = ids.IndexOf('/');
        var trace = TraceIdOf(slash < 0 ? ids : ids[..slash]);
        if (trace is null)
            return null;
        ActivitySpanId span;
        if (slash < 0)
            span = ActivitySpanId.CreateRandom();
        else if (ulong.TryParse(ids[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var decimalId) && decimalId != 0)
        {
            // The span id's eight bytes, big-endian, as ToCloudTrace reads them.
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, decimalId);
            span = ActivitySpanId.CreateFromBytes(bytes);
        }
        else
            return null;
        return new Context(trace.Value, span, sampled);
    }

    private static ActivityTraceId? TraceIdOf(ReadOnlySpan<char> hex)
    {
        Span<char> lower = stackalloc char[32];
        return LowerCaseId(hex, lower) ? ActivityTraceId.CreateFromString(lower) : null;
    }

    private static ActivitySpanId? SpanIdOf(ReadOnlySpan<char> hex)
    {
        Span<char> lower = stackalloc char[16];
        return LowerCaseId(hex, lower) ? ActivitySpanId.CreateFromString(lower) : null;
    }

    // Whether hex is an id as long as lower (hex digits, not all zero), then written into lower in lower case: the
    // ids take lower case only, as W3C writes them; upper-case digits from a caller are read as lower case.
    private static bool LowerCaseId(ReadOnlySpan<char> hex, Span<char> lower) =>
        hex.Length == lower.Length && IsHex(hex) && hex.ContainsAnyExcept('0') && hex.ToLowerInvariant(lower) == lower.Length;

    private static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(s_hexDigits);
}
