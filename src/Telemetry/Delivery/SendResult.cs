namespace MeshFed.Telemetry;

/// <summary>What one request to a sink came to. Exporters return results instead of throwing on the export path.</summary>
public enum SendStatus
{
    /// <summary>Accepted (possibly with per-item failures the caller handles).</summary>
    Sent,
    /// <summary>Throttled, 5xx, timed out or unreachable: trying again later may succeed.</summary>
    Retryable,
    /// <summary>Refused for good (4xx other than throttling): resending the same bytes cannot help.</summary>
    Rejected,
}

/// <summary>The outcome of one request: its status, the HTTP status (0 without an answer) and the answer's body.</summary>
public readonly record struct SendResult(SendStatus Status, int HttpStatus, string Body)
{
    /// <summary>No answer: a timeout or a transport failure, named by <paramref name="why"/>.</summary>
    public static SendResult Unreachable(string why) => new(SendStatus.Retryable, 0, why);
}
