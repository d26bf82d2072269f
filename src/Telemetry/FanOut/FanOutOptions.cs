namespace MeshFed.Telemetry;

/// <summary>
/// How the fan-out exporters run their sinks: the metric export interval (one periodic reader per temporality for
/// every sink), how many batches a sink that falls behind may have queued before the next one is dropped for it,
/// and how long an export waits for the sinks before OpenTelemetry's thread moves on (they keep working).
/// </summary>
public sealed class FanOutOptions
{
    /// <summary>How often metrics are collected and handed to every metric sink (60 s, CloudWatch's standard resolution).</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Batches queued per sink behind the one it is sending; beyond, a new batch is dropped for that sink and counted.</summary>
    public int MaxQueuedBatches { get; set; } = 4;

    /// <summary>Sampled spans queued for export before new ones are dropped (and counted for every span sink): OpenTelemetry's default.</summary>
    public int MaxSpanQueue { get; set; } = 2048;

    /// <summary>How long an export waits for the sinks that were keeping up (OpenTelemetry's default export timeout, 30 s); a sink still busy with an earlier batch is not waited for.</summary>
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal FanOutOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ExportInterval, TimeSpan.FromMilliseconds(1), nameof(ExportInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedBatches, 1, nameof(MaxQueuedBatches));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSpanQueue, 1, nameof(MaxSpanQueue));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExportTimeout, TimeSpan.Zero, nameof(ExportTimeout));
        return this;
    }
}
