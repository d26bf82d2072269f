using System.Diagnostics.Metrics;

namespace MeshFed.Telemetry;

/// <summary>
/// The exporters' own health, as metrics of the meter <c>MeshFed.Telemetry</c> (tag <c>meshfed.sink</c>):
/// <c>meshfed.export.sent</c>, <c>meshfed.export.dropped</c>, <c>meshfed.export.retries</c> — and the same
/// totals as properties, for tests and the CLI. Nothing is dropped silently.
/// </summary>
internal sealed class ExportCounters(string sink)
{
    public const string MeterName = "MeshFed.Telemetry";
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

    public string Sink { get; } = sink;
    public long Sent => Interlocked.Read(ref _sent);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Retries => Interlocked.Read(ref _retries);
    public long Requests => Interlocked.Read(ref _requests);

    public void AddSent(long items)
    {
        if (items <= 0)
            return;
        Interlocked.Add(ref _sent, items);
        s_sent.Add(items, _tag);
    }

    public void AddDropped(long items)
    {
        if (items <= 0)
            return;
        Interlocked.Add(ref _dropped, items);
        s_dropped.Add(items, _tag);
    }

    public void AddRetry()
    {
        Interlocked.Increment(ref _retries);
        s_retries.Add(1, _tag);
    }

    public void AddRequest() => Interlocked.Increment(ref _requests);
}
