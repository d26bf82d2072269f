using System.Diagnostics;
using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry;

namespace MeshFed.Federation.Telemetry;

/// <summary>Writes spans to the <see cref="LocalTelemetryStore"/>. A locked or full disk keeps the spans for the next export, bounded and counted.</summary>
public sealed class LocalSpanExporter : BaseExporter<Activity>, IExportSink<SpanSample>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "local-traces";

    private readonly BatchDelivery<SpanSample> _delivery;

    /// <summary>Creates an exporter writing to <paramref name="store"/>.</summary>
    public LocalSpanExporter(LocalTelemetryStore store, int maxPending = 10_000)
    {
        var counters = new ExportCounters(SinkName);
        _delivery = LocalStoreDelivery.For<SpanSample>(counters, maxPending, LocalTelemetryStore.SpanRow, store.AppendSpans);
    }

    /// <summary>What this exporter has sent, dropped, retried and still holds for resending.</summary>
    public ExportStatus Status => _delivery.Status;

    /// <inheritdoc/>
    public ExportCounters Counters => _delivery.Counters;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Activity> batch) => Export(SpanSample.FromBatch(batch));

    /// <inheritdoc/>
    public ExportResult Export(IReadOnlyList<SpanSample> items) => _delivery.Deliver(items);
}
