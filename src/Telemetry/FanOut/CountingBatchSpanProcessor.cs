using System.Diagnostics;
using System.Reflection;
using MeshFed.Telemetry;
using OpenTelemetry;

namespace MeshFed.Telemetry;

/// <summary>
/// OpenTelemetry's batch span processor (its bounded queue and worker), with its queue-full drops added to the
/// <c>meshfed.export.dropped</c> of every sink behind it (a span the queue refused is lost to each of them).
/// OpenTelemetry counts those drops internally only (<c>DroppedCount</c>, not public: "BatchExportProcessor should
/// expose metrics", https://github.com/open-telemetry/opentelemetry-dotnet/issues/1734); it is read through a
/// delegate bound once by reflection, and when a future SDK renames it the count stays 0 (a test pins it).
/// </summary>
public sealed class CountingBatchSpanProcessor : BatchActivityExportProcessor
{
    // A compiled delegate, not PropertyInfo.GetValue: OnExport runs on the request path.
    private static readonly Func<BatchExportProcessor<Activity>, long>? s_dropped = typeof(BatchExportProcessor<Activity>)
        .GetProperty("DroppedCount", BindingFlags.Instance | BindingFlags.NonPublic)?.GetMethod?
        .CreateDelegate<Func<BatchExportProcessor<Activity>, long>>();

    private readonly IReadOnlyList<ExportCounters> _counters;
    private long _reported;

    /// <summary>A processor for one sink's exporter, counting drops as <paramref name="sink"/>.</summary>
    public CountingBatchSpanProcessor(BaseExporter<Activity> exporter, string sink, int maxQueueSize)
        : this(exporter, [new ExportCounters(sink)], maxQueueSize)
    {
    }

    /// <summary>A processor for a fan-out exporter, counting drops on every sink's <paramref name="counters"/>.</summary>
    public CountingBatchSpanProcessor(BaseExporter<Activity> exporter, IReadOnlyList<ExportCounters> counters, int maxQueueSize)
        : base(exporter, maxQueueSize, scheduledDelayMilliseconds: 5000, exporterTimeoutMilliseconds: 30000, maxExportBatchSize: Math.Min(512, maxQueueSize)) =>
        _counters = counters;

    /// <summary>Whether this SDK version exposes the drop count.</summary>
    public static bool CanCountDrops => s_dropped is not null;

    /// <summary>Spans the queue refused so far.</summary>
    public long QueueDrops => s_dropped?.Invoke(this) ?? 0;

    /// <inheritdoc/>
    protected override void OnExport(Activity data)
    {
        base.OnExport(data);
        var dropped = QueueDrops;
        var reported = Interlocked.Read(ref _reported);
        if (dropped > reported && Interlocked.CompareExchange(ref _reported, dropped, reported) == reported)
        {
            foreach (var counters in _counters)
                counters.AddDropped(dropped - reported);
        }
    }
}
