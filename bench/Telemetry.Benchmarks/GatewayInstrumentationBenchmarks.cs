using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Federation.Telemetry;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Routing;
using MeshFed.Gateway.Telemetry;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Telemetry.Benchmarks;

/// <summary>
/// What the exporters cost a gateway per request, in-process and without the network, so the figure does not
/// drown in a shared machine's noise: one request's telemetry (its span, sampled at 1 %, and its golden signals:
/// in-flight up and down, the request count, the latency histogram) with the pipelines a gateway builds,
/// "off" = Prometheus only and no trace sink, "on" = CloudWatch, Cloud Monitoring and the local store for
/// metrics and X-Ray, Cloud Trace and the local store for traces, exporting every 5 s to an in-memory sink.
/// Divided by a gateway's CPU time per request (bench/gateway/run.sh), the difference is the throughput lost.
/// </summary>
[MemoryDiagnoser]
public class GatewayInstrumentationBenchmarks
{
    private const string Manifest = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: bench }
        spec:
          trustDomain: bench.example
          sites:
            - { name: aws, provider: aws, region: us-east-1, mesh: appmesh, gateway: { address: 10.0.0.1 } }
            - { name: gcp, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: 10.0.0.2 } }
          services:
            - name: orders
              ports: [{ port: 8080 }]
              deployments: [{ site: gcp, version: v1 }]
          telemetry: TELEMETRY
        """;

    private GatewayTelemetry _telemetry = null!;
    private TelemetryWiring? _wiring;
    private RoutingDecision _decision = null!;
    private string? _dir;

    /// <summary>Exporters off or on.</summary>
    [Params("off", "on")]
    public string Exporters { get; set; } = "off";

    /// <summary>Builds the pipelines as <c>meshfed gateway</c> does.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var telemetry = Exporters == "on"
            ? "{ metrics: [prometheus, cloudwatch, cloud-monitoring, local], traces: [xray, cloud-trace, local], sampling: 0.01 }"
            : "{ metrics: [prometheus], traces: [], sampling: 0.01 }";
        var mesh = ManifestLoader.LoadText(Manifest.Replace("TELEMETRY", telemetry), "bench.yaml").Mesh!;
        _dir = Directory.CreateTempSubdirectory("meshfed-bench-").FullName;
        var options = new TelemetryOptions
        {
            StorePath = Path.Combine(_dir, "telemetry.db"),
            ExportInterval = TimeSpan.FromSeconds(5),
            CloudWatchEndpoint = new Uri("http://127.0.0.1:1"),
            XRayEndpoint = new Uri("http://127.0.0.1:1"),
            CloudMonitoringEndpoint = new Uri("http://127.0.0.1:1"),
            CloudTraceEndpoint = new Uri("http://127.0.0.1:1"),
            Http = new HttpClient(new InstantHttpHandler()),
            AwsCredentials = () => new AwsCredentials("AKIDEXAMPLE", "secret"),
            GoogleAccessToken = _ => Task.FromResult("token"),
        };
        _telemetry = GatewayTelemetry.Create(mesh.Telemetry, (metrics, traces) =>
            _wiring = TelemetryPipeline.AddMeshFedExporters(metrics, traces, mesh, mesh.FindSite("aws")!, options));
        _decision = new RoutingDecision(mesh.Services[0], "v1", "gcp", RoutingDecision.Outbound, null, null, false);
    }

    /// <summary>Flushes and removes the store.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _telemetry.Dispose();
        _wiring?.Dispose();
        if (_dir is not null)
            Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One request's span and golden signals.</summary>
    [Benchmark]
    public void OneRequest() => Record();

    /// <summary>
    /// 10,000 requests recorded from 4 threads at once, as a busy gateway does: every request of a service
    /// updates the same metric points, so this measures their contention (per request: divide by 10,000).
    /// </summary>
    [Benchmark(OperationsPerInvoke = 10_000)]
    public void ConcurrentRequests() =>
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 2_500; i++)
                Record();
        });

    private void Record()
    {
        using var span = GatewayMetrics.Source.StartActivity("orders", ActivityKind.Server);
        var inFlight = GatewayMetrics.Start(_decision, "aws");
        GatewayMetrics.Finish(inFlight, 200, TimeSpan.FromMilliseconds(3));
    }
}
