using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Telemetry.Benchmarks;

/// <summary>
/// What one measurement costs on a request's thread with N metric sinks (issue #13): "reader-per-sink" is how the
/// exporters were wired before the fan-out (a <see cref="PeriodicExportingMetricReader"/> each, so OpenTelemetry
/// aggregates every measurement N times), "fan-out" is one reader feeding N sinks through
/// <see cref="MetricFanOutExporter"/>. One measurement = a gateway request's counter add and histogram record
/// with its six tags. The sinks do nothing and the interval is long: only the hot path is measured.
/// </summary>
[MemoryDiagnoser]
public class MetricFanOutBenchmarks
{
    private MeterProvider _provider = null!;
    private Meter _meter = null!;
    private Counter<long> _requests = null!;
    private Histogram<double> _duration = null!;
    private TagList _tags;

    /// <summary>How many metric sinks.</summary>
    [Params(1, 3)]
    public int Sinks { get; set; }

    /// <summary>A reader per sink (before) or one reader for all (after).</summary>
    [Params("reader-per-sink", "fan-out")]
    public string Wiring { get; set; } = "fan-out";

    /// <summary>Builds the provider with <see cref="Sinks"/> sinks wired as <see cref="Wiring"/> says.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var name = "bench-fanout";
        var builder = Sdk.CreateMeterProviderBuilder().AddMeter(name);
        for (var i = 0; i < Sinks; i++)
        {
            var sink = $"sink-{i}";
            if (Wiring == "fan-out")
                builder.AddMetricSink(sink, MetricReaderTemporalityPreference.Delta, _ => new IdleSink(sink));
            else
                builder.AddReader(new PeriodicExportingMetricReader(new IdleExporter(), 600_000) { TemporalityPreference = MetricReaderTemporalityPreference.Delta });
        }
        builder.ConfigureFanOut(o => o.ExportInterval = TimeSpan.FromMinutes(10));
        _provider = builder.Build()!;
        _meter = new Meter(name);
        _requests = _meter.CreateCounter<long>("requests");
        _duration = _meter.CreateHistogram<double>("duration", "s");
        _tags = new TagList { { "service", "orders" }, { "site", "gcp" }, { "version", "v1" }, { "reporter", "aws" }, { "direction", "outbound" }, { "response_class", "2xx" } };
    }

    /// <summary>Disposes the provider.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _meter.Dispose();
    }

    /// <summary>One request's measurements.</summary>
    [Benchmark]
    public void OneMeasurement()
    {
        _requests.Add(1, _tags);
        _duration.Record(0.003, _tags);
    }

    /// <summary>10,000 requests' measurements from 4 threads, on the same metric points (their contention).</summary>
    [Benchmark(OperationsPerInvoke = 10_000)]
    public void ConcurrentMeasurements() =>
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 2_500; i++)
                OneMeasurement();
        });

    private sealed class IdleSink(string name) : IExportSink<MetricSample>
    {
        public ExportCounters Counters { get; } = new(name);

        public ExportResult Export(IReadOnlyList<MetricSample> items) => ExportResult.Success;
    }

    private sealed class IdleExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
