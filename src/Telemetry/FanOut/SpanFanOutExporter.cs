using System.Diagnostics;
using OpenTelemetry;

namespace MeshFed.Telemetry;

/// <summary>
/// One OpenTelemetry span exporter for every trace sink, behind one batch processor
/// (<see cref="CountingBatchSpanProcessor"/>): a processor per backend queued every sampled span once per backend
/// on the request's thread. Here each span is queued once, copied into a <see cref="SpanSample"/> once per batch,
/// and each sink sends on its own thread (<see cref="IExportSink{T}"/>), so a slow or failing backend holds back
/// neither the others nor the processor. Added by <see cref="FanOutBuilderExtensions.AddSpanSink"/>.
/// </summary>
public sealed class SpanFanOutExporter : BaseExporter<Activity>
{
    private readonly FanOut<SpanSample> _fanOut;

    /// <summary>An exporter handing every batch to <paramref name="sinks"/> (name, sink).</summary>
    public SpanFanOutExporter(IEnumerable<(string Name, IExportSink<SpanSample> Sink)> sinks, FanOutOptions options) =>
        _fanOut = new FanOut<SpanSample>(sinks, options);

    /// <summary>The sinks.</summary>
    public IReadOnlyList<IExportSink<SpanSample>> Sinks => _fanOut.Sinks;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Activity> batch)
    {
        _fanOut.Export(SpanSample.FromBatch(batch));
        return ExportResult.Success;
    }

    /// <inheritdoc/>
    protected override bool OnForceFlush(int timeoutMilliseconds) => _fanOut.Flush(MetricFanOutExporter.Timeout(timeoutMilliseconds));

    /// <inheritdoc/>
    protected override bool OnShutdown(int timeoutMilliseconds) => _fanOut.Shutdown(MetricFanOutExporter.Timeout(timeoutMilliseconds));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _fanOut.Dispose();
        base.Dispose(disposing);
    }
}
