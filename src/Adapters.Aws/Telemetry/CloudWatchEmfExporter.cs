using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// An OpenTelemetry metric exporter for the CloudWatch agent: CloudWatch Embedded Metric Format events, one JSON
/// object per line, to the agent's EMF listener (<c>tcp://</c> or <c>udp://</c>, port 25888), which writes them to
/// CloudWatch Logs where CloudWatch extracts the metrics. No credentials or region here: the agent has them. Use it
/// with delta temporality, like PutMetricData; names, units and dimensions are the same (<see cref="CloudWatchNames"/>).
/// <para>
/// Each event has <c>_aws.Timestamp</c> (the end of the interval, epoch ms), <c>_aws.LogGroupName</c> and one
/// directive: the namespace, one dimension set (the sample's attributes, at most 30) and at most 100 metric
/// definitions with their units; dimension values and metric values are root members, at most 100 values per
/// metric, at most 1 MB per event (and one datagram over UDP). More becomes more events.
/// </para>
/// <para>
/// EMF has values but no counts, so a histogram point becomes values: each non-empty bucket is represented by its upper
/// bound (the overflow bucket by the largest value seen), repeated once per observation, as PutMetricData's
/// <c>Values</c>/<c>Counts</c> would have it. A series with more than <see cref="CloudWatchEmfExporterOptions.MaxObservationsPerSeries"/>
/// observations in one interval (1,000 by default) is written as a stratified sample of that many values, each
/// bucket's share apportioned by largest remainder: every bucket's share is within 1/cap of the true one, so
/// percentiles land in the right bucket, while <c>SampleCount</c> and <c>Sum</c> of that metric describe the sample.
/// The exact traffic is the <c>Requests</c> counter.
/// </para>
/// <para>
/// Delivery over TCP: one connection, checked before each write and reopened when the agent closed it (a restart); a
/// write that fails is retried on a new connection with jittered backoff; what cannot be written is kept (bounded, the
/// oldest dropped and counted) for the next export, so nothing is lost while the agent is briefly down. TCP has no
/// acknowledgements: what the kernel took just before the agent died is lost, and a write cut halfway may be
/// repeated (at least once). Over UDP: one datagram per event, fire and forget, counted as sent. Nothing here waits on
/// a request thread: exports run on OpenTelemetry's reader thread, each attempt bounded by the delivery timeout.
/// </para>
/// </summary>
public sealed class CloudWatchEmfExporter : BaseExporter<Metric>, IExportSink<MetricSample>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "cloudwatch-agent";

    /// <summary>Lines per TCP write are gathered up to this size (one larger line is written alone).</summary>
    private const int WriteBytes = 64 * 1024;

    private readonly ExportCounters _counters = new(SinkName);
    private readonly BatchDelivery<byte[]> _delivery;
    private readonly RetryingSender _sender;
    private readonly EmfTcpConnection? _tcp;
    private readonly EmfUdpSender? _udp;

    /// <summary>Creates an exporter; nothing connects until the first export.</summary>
    public CloudWatchEmfExporter(CloudWatchEmfExporterOptions options, TimeProvider? time = null)
    {
        Options = (options with { }).Validated(); // a copy: the caller's options object stays the caller's
        _sender = new RetryingSender(Options.Delivery, _counters, time ?? TimeProvider.System);
        _delivery = new BatchDelivery<byte[]>(_counters, Options.Delivery.MaxPendingItems, SendAsync);
        if (Options.Udp)
            _udp = new EmfUdpSender(Options.Host, Options.Port);
        else
            _tcp = new EmfTcpConnection(Options.Host, Options.Port);
    }

    /// <summary>The options.</summary>
    public CloudWatchEmfExporterOptions Options { get; }

    /// <summary>
    /// Events sent, dropped (too large, refused by the socket, or pushed out of the full buffer), retried, and kept for
    /// resending; a sample left out because its value is not a finite number counts as one dropped too (it has no event).
    /// </summary>
    public ExportStatus Status => _delivery.Status;

    /// <summary>TCP connections opened so far (tests: reconnection after an agent restart).</summary>
    internal int Connects => _tcp?.Connects ?? 0;

    /// <inheritdoc/>
    public ExportCounters Counters => _counters;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Metric> batch) => Export(MetricSampler.Sample(batch));

    /// <inheritdoc/>
    public ExportResult Export(IReadOnlyList<MetricSample> items)
    {
        var events = CloudWatchEmfEvents.From(items, Options, _counters);
        _counters.AddDropped(events.Oversized);
        if (_udp is null)
            return _delivery.Deliver(events.Lines);
        foreach (var line in events.Lines)
        {
            if (_udp.Send(Terminated(line)))
                _counters.AddSent(1);
            else
                _counters.AddDropped(1);
        }
        return ExportResult.Success;
    }

    /// <summary>Writes the lines in order, a few KB per write; returns the ones not written once retries are spent.</summary>
    private async Task<IReadOnlyList<byte[]>> SendAsync(IReadOnlyList<byte[]> lines)
    {
        for (var next = 0; next < lines.Count;)
        {
            var count = 0;
            var size = 0;
            while (next + count < lines.Count && (count == 0 || size + lines[next + count].Length + 1 <= WriteBytes))
                size += lines[next + count++].Length + 1;
            var buffer = new byte[size];
            var offset = 0;
            foreach (var line in lines.Skip(next).Take(count))
            {
                line.CopyTo(buffer, offset);
                buffer[offset + line.Length] = (byte)'\n';
                offset += line.Length + 1;
            }
            var result = await _sender.SendAsync(token => _tcp!.WriteAsync(buffer, token));
            if (result.Status != SendStatus.Sent)
                return [.. lines.Skip(next)];
            _counters.AddSent(count);
            next += count;
        }
        return [];
    }

    private static byte[] Terminated(byte[] line)
    {
        var datagram = new byte[line.Length + 1];
        line.CopyTo(datagram, 0);
        datagram[^1] = (byte)'\n';
        return datagram;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tcp?.Dispose();
            _udp?.Dispose();
        }
        base.Dispose(disposing);
    }
}
