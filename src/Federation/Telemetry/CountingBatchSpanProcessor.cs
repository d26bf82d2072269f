using System.Diagnostics;
using System.Reflection;
using MeshFed.Telemetry;
using OpenTelemetry;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// OpenTelemetry's batch span processor (its bounded queue and worker), with its queue-full drops added to the
/// sink's <c>meshfed.export.dropped</c>. OpenTelemetry counts those drops internally only (<c>DroppedCount</c>);
/// it is read through a delegate bound once by reflection, and when a future SDK renames it the count stays 0 (a test pins it).
/// </summary>
internal sealed class CountingBatchSpanProcessor : BatchActivityExportProcessor
{
    // A compiled delegate, not PropertyInfo.GetValue: OnExport runs on the request path.
    private static readonly Func<BatchExportProcessor<Activity>, long>? s_dropped = typeof(BatchExportProcessor<Activity>)
        .GetProperty("DroppedCount", BindingFlags.Instance | BindingFlags.NonPublic)?.GetMethod?
        .CreateDelegate<Func<BatchExportProcessor<Activity>, long>>();

    private readonly ExportCounters _counters;
    private long _reported;

    public CountingBatchSpanProcessor(BaseExporter<Activity> exporter, string sink, int maxQueueSize)
        : base(exporter, maxQueueSize, scheduledDelayMilliseconds: 5000, exporterTimeoutMilliseconds: 30000, maxExportBatchSize: Math.Min(512, maxQueueSize)) =>
        _counters = new ExportCounters(sink);

    /// <summary>Whether this SDK version exposes the drop count.</summary>
    public static bool CanCountDrops => s_dropped is not null;

    /// <summary>Spans the queue refused so far.</summary>
    public long QueueDrops => s_dropped?.Invoke(this) ?? 0;

    protected override void OnExport(Activity data)
    {
        base.OnExport(data);
        var dropped = QueueDrops;
        var reported = Interlocked.Read(ref _reported);
        if (dropped > reported && Interlocked.CompareExchange(ref _reported, dropped, reported) == reported)
            _counters.AddDropped(dropped - reported);
    }
}
