using System.Diagnostics;
using MeshFed.Model;
using MeshFed.Telemetry;
using Microsoft.Data.Sqlite;
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
        _delivery = new BatchDelivery<SpanSample>(counters, maxPending, spans =>
        {
            try
            {
                counters.AddSent(store.Append(spans, counters));
                return Task.FromResult<IReadOnlyList<SpanSample>>([]);
            }
            catch (SqliteException e)
            {
                counters.Failures.SendFailed(rejected: false, 0, $"{e.GetType().Name}: {e.Message}");
                return Task.FromResult(spans);
            }
        });
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
