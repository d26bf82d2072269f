using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>Which AWS error answers are worth another try: 5xx, and the standard retry mode's throttling codes even when they come as a 400.</summary>
internal static class AwsErrorCodes
{
    private static readonly HashSet<string> s_throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    /// <summary>True when <paramref name="code"/> (<c>Throttling</c>, <c>aws.protocols#ThrottlingException</c>, …) is a throttling code.</summary>
    public static bool IsThrottling(string? code) =>
        code is not null && s_throttling.Contains(code.Split(';')[0].Split(':')[0].Split('#')[^1]);

    /// <summary>Classifies an answer from its status, the <c>x-amzn-query-error</c> / <c>x-amzn-ErrorType</c> header and the body's <c>__type</c>.</summary>
    public static SendStatus Classify(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var errorHeader = response.Headers.TryGetValues("x-amzn-query-error", out var query) ? query.FirstOrDefault()
            : response.Headers.TryGetValues("x-amzn-ErrorType", out var type) ? type.FirstOrDefault() : null;
        if (status is >= 200 and < 300)
            return SendStatus.Sent;
        if (status is 408 or 429 or >= 500 || IsThrottling(errorHeader) || IsThrottling(BodyType(body)))
            return SendStatus.Retryable;
        return SendStatus.Rejected;
    }

    /// <summary>
    /// The body's error type, when it has one as text. The body is the sink's text, or that of a proxy in front of it
    /// (<c>{"code":403}</c>): read by shape, so that an answer cannot throw out of the classification.
    /// </summary>
    private static string? BodyType(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject answer)
                return null;
            foreach (var field in (ReadOnlySpan<string>)["__type", "code", "Code"])
            {
                if (answer[field] is JsonValue value && value.TryGetValue<string>(out var text))
                    return text;
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null; // not JSON, or JSON with a key twice (which JsonObject refuses)
        }
    }
}
