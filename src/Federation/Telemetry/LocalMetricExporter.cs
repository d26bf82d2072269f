using MeshFed.Model;
using MeshFed.Telemetry;
using Microsoft.Data.Sqlite;
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
        _delivery = new BatchDelivery<MetricSample>(counters, maxPending, samples =>
        {
            try
            {
                counters.AddSent(store.Append(samples, counters));
                return Task.FromResult<IReadOnlyList<MetricSample>>([]);
            }
            catch (SqliteException e)
            {
                counters.Failures.SendFailed(rejected: false, 0, $"{e.GetType().Name}: {e.Message}");
                return Task.FromResult(samples);
            }
        });
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
