using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Telemetry;

/// <summary>
/// One OpenTelemetry metric exporter for every metric sink of one temporality. OpenTelemetry aggregates each
/// measurement once per metric reader, so a reader per backend made a gateway's every request update its metric
/// points once per backend (four times with CloudWatch, Cloud Monitoring, the local store and Prometheus); behind
/// this exporter, one periodic reader serves them all: the batch is copied into <see cref="MetricSample"/>s once,
/// and each sink sends them on its own thread (<see cref="IExportSink{T}"/>), so a slow or failing backend holds
/// back neither the others nor the reader. Added by <see cref="FanOutBuilderExtensions.AddMetricSink"/>.
/// </summary>
public sealed class MetricFanOutExporter : BaseExporter<Metric>
{
    private readonly FanOut<MetricSample> _fanOut;

    /// <summary>An exporter handing every batch to <paramref name="sinks"/> (name, sink).</summary>
    public MetricFanOutExporter(IEnumerable<(string Name, IExportSink<MetricSample> Sink)> sinks, FanOutOptions options) =>
        _fanOut = new FanOut<MetricSample>(sinks, options);

    /// <summary>The sinks.</summary>
    public IReadOnlyList<IExportSink<MetricSample>> Sinks => _fanOut.Sinks;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Metric> batch)
    {
        // Each sink's failures are its own (kept, retried, counted, logged): the reader has nothing to retry.
        _fanOut.Export(MetricSampler.Sample(batch));
        return ExportResult.Success;
    }

    /// <inheritdoc/>
    protected override bool OnForceFlush(int timeoutMilliseconds) => _fanOut.Flush(Timeout(timeoutMilliseconds));

    /// <inheritdoc/>
    protected override bool OnShutdown(int timeoutMilliseconds) => _fanOut.Shutdown(Timeout(timeoutMilliseconds));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _fanOut.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>OpenTelemetry's timeout; its "infinite" (-1) as the longest wait a monitor takes.</summary>
    internal static TimeSpan Timeout(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds < 0 ? int.MaxValue : milliseconds);
}
