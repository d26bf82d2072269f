using System.Diagnostics;
using System.Globalization;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// The three trace-context headers one cross-cloud trace travels in, and the mapping between them
/// (docs/trace-context.md). The trace id is 128 bits in all three: W3C's 32 hex digits are X-Ray's
/// <c>1-&lt;8 hex&gt;-&lt;24 hex&gt;</c> split after the 8th digit, and Cloud Trace's 32 hex digits as they are.
/// The parent span id is 64 bits: 16 hex digits in W3C and X-Ray, a decimal number in Cloud Trace.
/// </summary>
public static class TraceHeaders
{
    /// <summary>W3C Trace Context.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C vendor state.</summary>
    public const string TraceState = "tracestate";

    /// <summary>AWS X-Ray (App Mesh's Envoy, ALB, Lambda).</summary>
    public const string AmazonTraceId = "X-Amzn-Trace-Id";

    /// <summary>Google Cloud Trace (GCLB, Cloud Run, Cloud Service Mesh).</summary>
    public const string CloudTraceContext = "X-Cloud-Trace-Context";

    /// <summary>A trace position: trace id, parent span id, and whether it is sampled.</summary>
    public readonly record struct Context(ActivityTraceId TraceId, ActivitySpanId SpanId, bool Sampled)
    {
        /// <summary>As a W3C <c>traceparent</c>.</summary>
        public string ToTraceParent() => $"00-{TraceId.ToHexString()}-{SpanId.ToHexString()}-{(Sampled ? "01" : "00")}";

        /// <summary>As an <c>X-Amzn-Trace-Id</c>.</summary>
        public string ToAmazon()
        {
            var hex = TraceId.ToHexString();
            return $"Root=1-{hex[..8]}-{hex[8..]};Parent={SpanId.ToHexString()};Sampled={(Sampled ? 1 : 0)}";
        }

        /// <summary>As an <c>X-Cloud-Trace-Context</c>.</summary>
        public string ToCloudTrace() =>
            $"{TraceId.ToHexString()}/{ulong.Parse(SpanId.ToHexString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)};o={(Sampled ? 1 : 0)}";
    }

    /// <summary>Parses a W3C <c>traceparent</c> (version 00 layout; later versions are read the same way, as the spec says).</summary>
    public static Context? ParseTraceParent(string? value)
    {
        if (value is null || value.Length < 55 || value[2] != '-' || value[35] != '-' || value[52] != '-' || value.StartsWith("ff", StringComparison.Ordinal))
            return null;
        if (value.Length > 55 && (value.StartsWith("00", StringComparison.Ordinal) || value[55] != '-'))
            return null;
        if (!IsHex(value.AsSpan(0, 2)) || !IsHex(value.AsSpan(53, 2)))
            return null;
        var trace = TraceIdOf(value.AsSpan(3, 32));
        var span = SpanIdOf(value.AsSpan(36, 16));
        if (trace is null || span is null)
            return null;
        var flags = Convert.ToByte(value.Substring(53, 2), 16);
        return new Context(trace.Value, span.Value, (flags & 1) == 1);
    }

    /// <summary>Parses <c>Root=1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx;Parent=xxxxxxxxxxxxxxxx;Sampled=1</c> (fields in any order).</summary>
    /// <remarks>Without <c>Parent</c> (a trace an AWS load balancer started) a new parent id is made up.</remarks>
    public static Context? ParseAmazon(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        string? root = null, parent = null, sampled = null;
        foreach (var part in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
                continue;
            var (key, field) = (part[..equals], part[(equals + 1)..]);
            if (key.Equals("Root", StringComparison.OrdinalIgnoreCase))
                root = field;
            else if (key.Equals("Parent", StringComparison.OrdinalIgnoreCase))
                parent = field;
            else if (key.Equals("Sampled", StringComparison.OrdinalIgnoreCase))
                sampled = field;
        }
        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-')
            return null;
        var trace = TraceIdOf(string.Concat(root.AsSpan(2, 8), root.AsSpan(11, 24)));
        if (trace is null)
            return null;
        var span = parent is null ? ActivitySpanId.CreateRandom() : SpanIdOf(parent);
        if (span is null)
            return null;
        return new Context(trace.Value, span.Value, sampled == "1");
    }

    /// <summary>Parses <c>TRACE_ID/SPAN_ID;o=1</c> (span id decimal; <c>/SPAN_ID</c> and <c>;o=</c> optional).</summary>
    public static Context? ParseCloudTrace(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var options = value.IndexOf(';');
        var ids = options < 0 ? value : value[..options];
        var sampled = options >= 0 && value[(options + 1)..].Trim() == "o=1";
        var slash = ids.IndexOf('/');
        var trace = TraceIdOf(slash < 0 ? ids : ids[..slash]);
        if (trace is null)
            return null;
        ActivitySpanId span;
        if (slash < 0)
            span = ActivitySpanId.CreateRandom();
        else if (ulong.TryParse(ids.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var decimalId) && decimalId != 0)
            span = ActivitySpanId.CreateFromString(decimalId.ToString("x16", CultureInfo.InvariantCulture));
        else
            return null;
        return new Context(trace.Value, span, sampled);
    }

    private static ActivityTraceId? TraceIdOf(ReadOnlySpan<char> hex) =>
        hex.Length == 32 && IsHex(hex) && hex.ContainsAnyExcept('0') ? ActivityTraceId.CreateFromString(hex.ToString().ToLowerInvariant()) : null;

    private static ActivitySpanId? SpanIdOf(ReadOnlySpan<char> hex) =>
        hex.Length == 16 && IsHex(hex) && hex.ContainsAnyExcept('0') ? ActivitySpanId.CreateFromString(hex.ToString().ToLowerInvariant()) : null;

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        return true;
    }
}
