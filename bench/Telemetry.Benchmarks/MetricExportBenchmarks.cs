using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Telemetry.Benchmarks;

/// <summary>
/// Metric points per second one core exports: 1,000 request series and 1,000 latency histograms (11 buckets)
/// collected by the OpenTelemetry SDK and exported (cumulative, so every collection exports every point) through
/// the exporter's public path, requests built, signed and gzip-compressed, answered at once in memory. Includes the
/// SDK's own collection cost, as a gateway pays it. (Cloud Monitoring holds a series' points for 5 s between
/// writes, so repeated collections would measure its hold-back, not its serializer: it is benchmarked through the
/// same public exporter with a fresh exporter per invocation.)
/// </summary>
[MemoryDiagnoser]
public class MetricExportBenchmarks
{
    private const int Series = 1000;
    private MeterProvider _provider = null!;
    private Meter _meter = null!;
    private LocalTelemetryStore? _store;
    private string? _dir;

    /// <summary>The sink.</summary>
    [Params("cloudwatch", "cloud-monitoring", "local")]
    public string Sink { get; set; } = "cloudwatch";

    /// <summary>A fresh provider and exporter with 2,000 points recorded.</summary>
    [IterationSetup]
    public void Setup()
    {
        _meter = new Meter("bench." + Guid.NewGuid().ToString("N"));
        var requests = _meter.CreateCounter<long>(GoldenSignals.Requests);
        var duration = _meter.CreateHistogram<double>(GoldenSignals.Duration, "s");
        var http = new HttpClient(new InstantHttpHandler());
        BaseExporter<Metric> exporter = Sink switch
        {
            "cloudwatch" => new CloudWatchMetricExporter(new CloudWatchExporterOptions { Region = "us-east-1", EndpointUrl = new Uri("http://127.0.0.1:1") }, http,
                () => new AwsCredentials("AKIDEXAMPLE", "secret")),
            "cloud-monitoring" => new MeshFed.Adapters.Gcp.Telemetry.CloudMonitoringMetricExporter(new MeshFed.Adapters.Gcp.Telemetry.CloudMonitoringExporterOptions
            {
                ProjectId = "p",
                EndpointUrl = new Uri("http://127.0.0.1:1"),
                Resource = new MeshFed.Adapters.Gcp.Telemetry.MonitoredTask("europe-west1", "shop", "meshfed-gateway", "gcp-euw1/gw-0"),
            }, http, _ => Task.FromResult("token")),
            _ => new LocalMetricExporter(_store = new LocalTelemetryStore(Path.Combine(_dir = Directory.CreateTempSubdirectory("meshfed-bench-").FullName, "t.db"))),
        };
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(_meter.Name)
            .AddView(GoldenSignals.Duration, new ExplicitBucketHistogramConfiguration { Boundaries = [.. TelemetrySettings.DefaultLatencyBuckets.Select(b => b.TotalSeconds)] })
            .AddReader(new PeriodicExportingMetricReader(exporter, int.MaxValue) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative })
            .Build()!;
        for (var i = 0; i < Series; i++)
        {
            var tags = new TagList { { GoldenSignals.ServiceAttribute, "svc" + i }, { GoldenSignals.SiteAttribute, "gcp-euw1" }, { GoldenSignals.VersionAttribute, "v1" }, { GoldenSignals.DirectionAttribute, "outbound" } };
            duration.Record(0.001 * (i % 200), tags);
            tags.Add(GoldenSignals.ResponseClassAttribute, "2xx");
            requests.Add(1, tags);
        }
    }

    /// <summary>Disposes the provider, the exporter and the store.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _meter.Dispose();
        _store?.Dispose();
        if (_dir is not null)
            Directory.Delete(_dir, recursive: true);
        (_store, _dir) = (null, null);
    }

    /// <summary>One collection and export of 2,000 points; results are per point.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Series)]
    public bool ExportPoints() => _provider.ForceFlush();
}
