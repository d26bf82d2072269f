using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;
using OpenTelemetry;

namespace MeshFed.Telemetry.Benchmarks;

/// <summary>
/// Spans per second one core turns into a sink's requests: each operation exports a batch of 512 finished
/// gateway spans (8 attributes each) through the exporter's public <c>Export</c>, request built, signed or
/// authorized, and answered at once in memory (the local store writes to a SQLite file).
/// </summary>
[MemoryDiagnoser]
public class SpanExportBenchmarks
{
    private const int BatchSize = 512;
    private Activity[] _spans = [];
    private BaseExporter<Activity> _exporter = null!;
    private LocalTelemetryStore? _store;
    private string? _dir;

    /// <summary>The sink.</summary>
    [Params("xray", "cloud-trace", "local")]
    public string Sink { get; set; } = "xray";

    /// <summary>Builds the spans and the exporter.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var source = new ActivitySource("bench");
        using var listener = new ActivityListener { ShouldListenTo = _ => true, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        _spans = [.. Enumerable.Range(0, BatchSize).Select(i =>
        {
            var span = source.StartActivity("GET /orders/{id}", ActivityKind.Server)!;
            span.SetTag(GoldenSignals.ServiceAttribute, "orders");
            span.SetTag(GoldenSignals.SiteAttribute, "gcp-euw1");
            span.SetTag(GoldenSignals.VersionAttribute, "v2");
            span.SetTag(GoldenSignals.ReporterAttribute, "aws-use1");
            span.SetTag(GoldenSignals.DirectionAttribute, "outbound");
            span.SetTag("http.request.method", "GET");
            span.SetTag("http.response.status_code", i % 50 == 0 ? 503 : 200);
            span.SetTag("url.full", $"http://orders.shop.svc/orders/{i}");
            span.Stop();
            return span;
        })];
        var http = new HttpClient(new InstantHttpHandler());
        var delivery = new ExportDelivery { MaxAttempts = 1 };
        _exporter = Sink switch
        {
            "xray" => new XRayTraceExporter(new XRayExporterOptions { Region = "us-east-1", EndpointUrl = new Uri("http://127.0.0.1:1"), Delivery = delivery }, http,
                () => new AwsCredentials("AKIDEXAMPLE", "secret")),
            "cloud-trace" => new CloudTraceExporter(new CloudTraceExporterOptions { ProjectId = "p", EndpointUrl = new Uri("http://127.0.0.1:1"), Delivery = delivery }, http,
                _ => Task.FromResult("token")),
            _ => new LocalSpanExporter(_store = new LocalTelemetryStore(Path.Combine(_dir = Directory.CreateTempSubdirectory("meshfed-bench-").FullName, "t.db"))),
        };
    }

    /// <summary>Disposes the exporter and the store.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter.Dispose();
        _store?.Dispose();
        if (_dir is not null)
            Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One batch of 512 spans; results are per span.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public ExportResult ExportSpans() => _exporter.Export(new Batch<Activity>(_spans, BatchSize));
}
