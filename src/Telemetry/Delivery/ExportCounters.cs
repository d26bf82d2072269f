using System.Diagnostics.Metrics;

namespace MeshFed.Telemetry;

/// <summary>
/// The exporters' own health, as metrics of the meter <c>MeshFed.Telemetry</c> (tag <c>meshfed.sink</c>):
/// <c>meshfed.export.sent</c>, <c>meshfed.export.dropped</c>, <c>meshfed.export.retries</c> — and the same
/// totals as properties, for tests and the CLI — and, through <see cref="Failures"/>, why a sink failed.
/// Nothing is dropped silently. One meter per process: this project is the only place it is defined.
/// </summary>
/// <param name="sink">The sink's name, e.g. <c>cloudwatch</c> (the <c>meshfed.sink</c> tag).</param>
/// <param name="time">The clock of the failure log's rate limit; the system clock by default.</param>
public sealed class ExportCounters(string sink, TimeProvider? time = null)
{
    /// <summary>The meter of these counters.</summary>
    public const string MeterName = "MeshFed.Telemetry";

    /// <summary>The tag naming the sink.</summary>
    public const string SinkTag = "meshfed.sink";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_sent = s_meter.CreateCounter<long>("meshfed.export.sent", "{item}", "Items a sink accepted.");
    private static readonly Counter<long> s_dropped = s_meter.CreateCounter<long>("meshfed.export.dropped", "{item}", "Items given up: rejected, or pushed out of a full resend buffer.");
    private static readonly Counter<long> s_retries = s_meter.CreateCounter<long>("meshfed.export.retries", "{request}", "Requests retried after throttling, 5xx, a timeout or a transport failure.");

    private readonly KeyValuePair<string, object?> _tag = new(SinkTag, sink);
    private long _sent;
    private long _dropped;
    private long _retries;
    private long _requests;

    /// <summary>The sink's name.</summary>
    public string Sink { get; } = sink;

    /// <summary>Why this sink failed, logged at a bounded rate.</summary>
    public ExportFailureLog Failures { get; } = new(sink, time ?? TimeProvider.System);

    /// <summary>Items the sink accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Items given up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Requests retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Requests attempted.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Counts items the sink accepted.</summary>
    public void AddSent(long items)
    {
        if (items <= 0)
            return;
        Interlocked.Add(ref _sent, items);
        s_sent.Add(items, _tag);
    }

    /// <summary>Counts items given up.</summary>
    public void AddDropped(long items)
    {
        if (items <= 0)
            return;
        Interlocked.Add(ref _dropped, items);
        s_dropped.Add(items, _tag);
    }

    /// <summary>Counts a retried request.</summary>
    public void AddRetry()
    {
        Interlocked.Increment(ref _retries);
        s_retries.Add(1, _tag);
    }

    /// <summary>Counts an attempted request.</summary>
    public void AddRequest() => Interlocked.Increment(ref _requests);
}
