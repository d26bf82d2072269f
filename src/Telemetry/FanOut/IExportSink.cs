using OpenTelemetry;

namespace MeshFed.Telemetry;

/// <summary>
/// One backend behind a fan-out exporter (<see cref="MetricFanOutExporter"/>, <see cref="SpanFanOutExporter"/>):
/// it takes items already copied out of OpenTelemetry's batch (<see cref="MetricSample"/>, <see cref="SpanSample"/>),
/// so that the batch is read once for every backend and each backend can take its time on its own thread.
/// </summary>
/// <typeparam name="T">What the sink takes.</typeparam>
public interface IExportSink<in T>
{
    /// <summary>The sink's counters: a batch dropped because the sink fell behind is counted here.</summary>
    ExportCounters Counters { get; }

    /// <summary>Sends <paramref name="items"/> (read only; shared with the other sinks); never throws on a backend's failure.</summary>
    ExportResult Export(IReadOnlyList<T> items);
}
