using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Federation.Telemetry;

/// <summary>Writes metric points to the <see cref="LocalTelemetryStore"/> (use delta temporality). A locked or full disk keeps the points for the next export, bounded and counted.</summary>
public sealed class LocalMetricExporter : BaseExporter<Metric>, IExportSink<MetricSample>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "local";

    private readonly BatchDelivery<MetricSample> _delivery;

    /// <summary>Creates an exporter writing to <paramref name="store"/>.</summary>
    public LocalMetricExporter(LocalTelemetryStore store, int maxPending = 10_000)
    {
        var counters = new ExportCounters(SinkName);
        _delivery = LocalStoreDelivery.For<MetricSample>(counters, maxPending, LocalTelemetryStore.PointRow, store.AppendPoints);
    }

    /// <summary>What this exporter has sent, dropped, retried and still holds for resending.</summary>
    public ExportStatus Status => _delivery.Status;

    /// <inheritdoc/>
    public ExportCounters Counters => _delivery.Counters;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Metric> batch) => Export(MetricSampler.Sample(batch));

    /// <inheritdoc/>
    public ExportResult Export(IReadOnlyList<MetricSample> items) => _delivery.Deliver(items);
}
