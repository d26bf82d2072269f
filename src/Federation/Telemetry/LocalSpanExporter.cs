using System.Diagnostics;
using MeshFed.Telemetry;
using Microsoft.Data.Sqlite;
using OpenTelemetry;

namespace MeshFed.Federation.Telemetry;

/// <summary>Writes spans to the <see cref="LocalTelemetryStore"/>. A locked or full disk keeps the spans for the next export, bounded and counted.</summary>
public sealed class LocalSpanExporter : BaseExporter<Activity>
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
                store.Append(spans);
                counters.AddSent(spans.Count);
                return Task.FromResult<IReadOnlyList<SpanSample>>([]);
            }
            catch (SqliteException)
            {
                return Task.FromResult(spans);
            }
        });
    }

    /// <summary>Spans written.</summary>
    public long Sent => _delivery.Counters.Sent;

    /// <summary>Spans given up.</summary>
    public long Dropped => _delivery.Counters.Dropped;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var spans = new List<SpanSample>();
        foreach (var activity in batch)
            spans.Add(SpanSample.From(activity));
        return _delivery.Deliver(spans);
    }
}
