namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// W3C ↔ X-Ray trace ids. X-Ray's <c>1-{8 hex}-{24 hex}</c> is the W3C id's 32 hex digits split after the
/// eighth: the first 8 are X-Ray's "epoch seconds" part, the other 24 its random part. No digit is changed, so
/// the mapping is lossless both ways and a trace keeps one identity in X-Ray, Cloud Trace and OTLP (the same
/// rule as OpenTelemetry's AWSXRayPropagator). X-Ray no longer validates the epoch part; for X-Ray's time-window
/// searches to find a trace by id, generate ids whose first 4 bytes are the start time in Unix seconds
/// (<see cref="NewW3CTraceId"/>, like OpenTelemetry's AWSXRayIdGenerator).
/// </summary>
public static class XRayIds
{
    /// <summary><c>4efaaf4d1e8720b39541901950019ee5</c> → <c>1-4efaaf4d-1e8720b39541901950019ee5</c>.</summary>
    public static string FromW3C(string traceIdHex)
    {
        if (traceIdHex.Length != 32 || !IsHex(traceIdHex))
            throw new ArgumentException($"'{traceIdHex}' is not a 32-hex-digit W3C trace id", nameof(traceIdHex));
        return $"1-{traceIdHex[..8]}-{traceIdHex[8..]}";
    }

    /// <summary>The inverse of <see cref="FromW3C"/>; null when <paramref name="xrayTraceId"/> is not <c>1-8hex-24hex</c>.</summary>
    public static string? ToW3C(string xrayTraceId)
    {
        var parts = xrayTraceId.Split('-');
        return parts is ["1", { Length: 8 } time, { Length: 24 } random] && IsHex(time) && IsHex(random) ? time + random : null;
    }

    /// <summary>A W3C trace id (32 hex) whose first 8 hex digits are <paramref name="now"/> in Unix seconds and the rest random.</summary>
    public static string NewW3CTraceId(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[12];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        return ((uint)now.ToUnixTimeSeconds()).ToString("x8") + Convert.ToHexStringLower(random);
    }

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);
}
