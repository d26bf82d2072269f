namespace MeshFed.Model;

/// <summary>
/// How a telemetry exporter delivers: attempts and backoff against throttling and 5xx, how long one attempt may
/// take (a hanging sink must not hold the export thread), and how many unsent items it keeps to resend once the
/// sink recovers. Plain values, no OpenTelemetry: the exporters of every adapter read the same record.
/// </summary>
public sealed record ExportDelivery
{
    /// <summary>The defaults: 3 attempts (AWS standard mode), 1–20 s full-jitter backoff, 10 s per attempt, 10,000 items kept.</summary>
    public static ExportDelivery Default { get; } = new();

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First backoff; retry n waits a random time up to BaseDelay × 2^n (full jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest one attempt may take before it counts as failed (and retryable).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unsent items (metric data, segments, series, spans) kept for the next export; beyond it the oldest are dropped and counted.</summary>
    public int MaxPendingItems { get; init; } = 10_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a bound makes no sense; called once, when an exporter is built.</summary>
    public ExportDelivery Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingItems, 0, nameof(MaxPendingItems));
        return this;
    }
}
