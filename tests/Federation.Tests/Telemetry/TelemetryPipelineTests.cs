using System.Diagnostics;
using System.Diagnostics.Metrics;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Federation.Telemetry;
using MeshFed.Gateway.Tests;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;
using MeshFed.Telemetry;
using MeshFed.Tests.Shared.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Federation.Tests.Telemetry;

/// <summary>
/// The fan-out wiring: from the example manifest's telemetry settings, one gateway's recorded golden signals and
/// spans reach every configured sink (CloudWatch, Cloud Monitoring, X-Ray, Cloud Trace on loopback, the local
/// store), with the manifest's buckets and without the gateway ever waiting on a sink.
/// </summary>
public sealed class TelemetryPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FederatedMesh Shop(Func<TelemetrySettings, TelemetrySettings> change)
    {
        var mesh = ManifestLoader.Load(RepoPaths.Of("examples/shop")).Mesh!;
        return mesh with { Telemetry = change(mesh.Telemetry) };
    }

    [Fact]
    public void EverySink_ReceivesTheGoldenSignals_FromOneWiringCall()
    {
        using var aws = new LoopbackSink();
        using var google = new LoopbackSink();
        var mesh = Shop(t => t with
        {
            Metrics = [MetricsSink.CloudWatch, MetricsSink.CloudMonitoring, MetricsSink.Local, MetricsSink.Prometheus],
            Traces = [TraceSink.XRay, TraceSink.CloudTrace, TraceSink.Local],
            Sampling = 1,
        });
        var options = new TelemetryOptions
        {
            StorePath = Path.Combine(_dir, "telemetry.db"),
            CloudWatchEndpoint = aws.Endpoint,
            XRayEndpoint = aws.Endpoint,
            CloudMonitoringEndpoint = google.Endpoint,
            CloudTraceEndpoint = google.Endpoint,
            AwsCredentials = () => new AwsCredentials("AKIDEXAMPLE", "secret"),
            GoogleAccessToken = _ => Task.FromResult("token"),
        };
        var metricsBuilder = Sdk.CreateMeterProviderBuilder();
        var tracesBuilder = Sdk.CreateTracerProviderBuilder();

        using var wiring = TelemetryPipeline.AddMeshFedExporters(metricsBuilder, tracesBuilder, mesh, mesh.FindSite("gcp-euw1")!, options);
        using (var meterProvider = metricsBuilder.Build())
        using (var tracerProvider = tracesBuilder.Build())
        {
            // The gateway's side: the contract's meter and activity source, nothing else.
            using var meter = new Meter(GoldenSignals.SourceName);
            using var source = new ActivitySource(GoldenSignals.SourceName);
            var tags = new TagList { { GoldenSignals.ServiceAttribute, "pipeline-test" }, { GoldenSignals.SiteAttribute, "gcp-euw1" }, { GoldenSignals.VersionAttribute, "v1" }, { GoldenSignals.DirectionAttribute, "outbound" } };
            meter.CreateHistogram<double>(GoldenSignals.Duration, "s").Record(0.007, tags);
            tags.Add(GoldenSignals.ResponseClassAttribute, "2xx");
            meter.CreateCounter<long>(GoldenSignals.Requests).Add(1, tags);
            using (var span = source.StartActivity("GET /orders", ActivityKind.Server))
                span!.SetTag(GoldenSignals.ServiceAttribute, "pipeline-test");
            meterProvider!.ForceFlush();
            tracerProvider!.ForceFlush();
        }

        Assert.Equal(["metrics: cloudwatch us-east-1", "metrics: cloud-monitoring shop-prod-4711", $"metrics: local {options.StorePath}",
            "metrics: prometheus, scraped from the gateway's admin listener (/metrics)",
            "traces: xray us-east-1", "traces: cloud-trace shop-prod-4711", $"traces: local {options.StorePath}"], wiring.Added);
        Assert.Empty(wiring.Skipped);
        Assert.Contains(aws.Requests, r => r.Header("x-amz-target") == "GraniteServiceVersion20100801.PutMetricData" && r.Body.Contains("pipeline-test"));
        Assert.Contains(aws.Requests, r => r.Path == "/TraceSegments" && r.Body.Contains("pipeline-test"));
        Assert.Contains(google.Requests, r => r.Path == "/v3/projects/shop-prod-4711/timeSeries" && r.Body.Contains("pipeline-test")
            && r.Body.Contains("\"bounds\":[0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5]"));
        Assert.Contains(google.Requests, r => r.Path == "/v2/projects/shop-prod-4711/traces:batchWrite");
        var stored = wiring.Store!.ReadService("pipeline-test", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains(stored, p => p.Name == GoldenSignals.Requests && p.Value == 1);
        Assert.Contains(stored, p => p.Name == GoldenSignals.Duration && p.Counts![1] == 1);
        // Of this test's service: the gateways of tests running beside it start spans from the same activity source.
        Assert.Equal(1, wiring.Store.SpanCount("pipeline-test"));
    }

    [Fact]
    public void ACloudThatRefuses_IsLoggedWithItsAnswer_AndTheOtherCloudStillGetsEverything()
    {
        // Issue #14 item 5: an IAM error is read in the gateway's log, not guessed from meshfed.export.dropped; and
        // with one reader and one span processor for every sink, AWS refusing costs Google nothing.
        using var aws = new LoopbackSink();
        aws.Behave(_ => new SinkAnswer(400, "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"message\":\"User: arn:aws:sts::123456789012:assumed-role/gw is not authorized to perform: cloudwatch:PutMetricData\"}"));
        using var google = new LoopbackSink();
        using var logs = new CapturedLogs();
        var mesh = Shop(t => t with { Metrics = [MetricsSink.CloudWatch, MetricsSink.CloudMonitoring], Traces = [TraceSink.XRay, TraceSink.CloudTrace], Sampling = 1 });
        var options = new TelemetryOptions
        {
            CloudWatchEndpoint = aws.Endpoint,
            XRayEndpoint = aws.Endpoint,
            CloudMonitoringEndpoint = google.Endpoint,
            CloudTraceEndpoint = google.Endpoint,
            AwsCredentials = () => new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYsecret"),
            GoogleAccessToken = _ => Task.FromResult("ya29.s3cret-token"),
            Delivery = new ExportDelivery { MaxAttempts = 1 },
            Logs = logs.Factory,
        };
        var metricsBuilder = Sdk.CreateMeterProviderBuilder();
        var tracesBuilder = Sdk.CreateTracerProviderBuilder();

        using var wiring = TelemetryPipeline.AddMeshFedExporters(metricsBuilder, tracesBuilder, mesh, mesh.FindSite("gcp-euw1")!, options);
        using (var meterProvider = metricsBuilder.Build())
        using (var tracerProvider = tracesBuilder.Build())
        {
            using var meter = new Meter(GoldenSignals.SourceName);
            using var source = new ActivitySource(GoldenSignals.SourceName);
            meter.CreateCounter<long>(GoldenSignals.Requests).Add(1, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, "refused-test"));
            using (var span = source.StartActivity("GET /orders", ActivityKind.Server))
                span!.SetTag(GoldenSignals.ServiceAttribute, "refused-test");
            meterProvider!.ForceFlush();
            tracerProvider!.ForceFlush();
        }

        Assert.Contains(google.Requests, r => r.Path == "/v3/projects/shop-prod-4711/timeSeries" && r.Body.Contains("refused-test"));
        Assert.Contains(google.Requests, r => r.Path == "/v2/projects/shop-prod-4711/traces:batchWrite" && r.Body.Contains("refused-test"));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning: Telemetry: export to cloudwatch failed (rejected): HTTP 400: ", StringComparison.Ordinal)
            && l.Contains("is not authorized to perform: cloudwatch:PutMetricData"));
        Assert.Contains(logs.Lines, l => l.Contains("export to xray failed (rejected): HTTP 400"));
        Assert.All(logs.Lines, l =>
        {
            Assert.DoesNotContain("secret", l);
            Assert.DoesNotContain("AKIDEXAMPLE", l);
            Assert.DoesNotContain("ya29", l);
        });
    }

    [Fact]
    public void SinksWithoutTheirCloud_AreSkippedWithAReason()
    {
        var mesh = Shop(t => t with { Metrics = [MetricsSink.CloudWatch], Traces = [TraceSink.CloudTrace] }) is var shop
            ? shop with { Sites = [.. shop.Sites.Where(s => s.Provider == CloudProvider.OnPrem)] } : null;

        using var wiring = TelemetryPipeline.AddMeshFedExporters(Sdk.CreateMeterProviderBuilder(), Sdk.CreateTracerProviderBuilder(), mesh!, mesh!.Sites[0], new TelemetryOptions());

        Assert.Empty(wiring.Added);
        Assert.Equal(["metrics: cloudwatch: no AWS site with a region in the manifest", "traces: cloud-trace: no GCP site with a project in the manifest"], wiring.Skipped);
    }

    [Fact]
    public void OtlpEndpoint_WithCredentials_IsNeverShownWithThem()
    {
        // E15: the wiring lines are logged at Information; a collector's credentials in the URL must not be.
        var mesh = Shop(t => t with { Metrics = [MetricsSink.Otlp], Traces = [TraceSink.Otlp] });
        var options = new TelemetryOptions { OtlpEndpoint = new Uri("http://meshuser:s3cretT0ken@127.0.0.1:4318/v1?api_key=k3y") };

        using var wiring = TelemetryPipeline.AddMeshFedExporters(Sdk.CreateMeterProviderBuilder(), Sdk.CreateTracerProviderBuilder(), mesh, mesh.Sites[0], options);

        Assert.Equal(2, wiring.Added.Count);
        Assert.All(wiring.Added, line =>
        {
            Assert.DoesNotContain("s3cretT0ken", line);
            Assert.DoesNotContain("meshuser", line);
            Assert.DoesNotContain("k3y", line);
            Assert.Contains("http://127.0.0.1:4318/v1", line);
        });
    }

    [Fact]
    public void WithACloudWatchAgent_CloudWatchMetricsGoThereAsEmf_WithoutAnAwsSite()
    {
        using var agent = new LoopbackAgent();
        var shop = Shop(t => t with { Metrics = [MetricsSink.CloudWatch], Traces = [] });
        var mesh = shop with { Sites = [.. shop.Sites.Where(s => s.Provider != CloudProvider.Aws)] };
        var options = new TelemetryOptions { CloudWatchAgent = agent.Endpoint, CloudWatchLogGroup = "/meshfed/test" };
        var metricsBuilder = Sdk.CreateMeterProviderBuilder();

        using var wiring = TelemetryPipeline.AddMeshFedExporters(metricsBuilder, Sdk.CreateTracerProviderBuilder(), mesh, mesh.Sites[0], options);
        using (var meterProvider = metricsBuilder.Build())
        {
            using var meter = new Meter(GoldenSignals.SourceName);
            meter.CreateCounter<long>(GoldenSignals.Requests).Add(3, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, "emf-pipeline-test"));
            meterProvider!.ForceFlush();
        }

        Assert.Equal([$"metrics: cloudwatch agent (EMF) tcp://127.0.0.1:{agent.Port}"], wiring.Added);
        Assert.Empty(wiring.Skipped);
        Assert.Contains(agent.WaitForLines(1), line => line.Contains("\"Service\":\"emf-pipeline-test\"") && line.Contains("\"Requests\":3")
            && line.Contains("\"LogGroupName\":\"/meshfed/test\""));
    }

    [Fact]
    public void AFullSpanQueue_DropsAreCounted_AndTheCallerNeverWaits()
    {
        Assert.True(CountingBatchSpanProcessor.CanCountDrops, "OpenTelemetry no longer exposes BatchExportProcessor.DroppedCount: update CountingBatchSpanProcessor");
        using var sink = new LoopbackSink();
        sink.Behave(_ => new SinkAnswer(Delay: TimeSpan.FromSeconds(20))); // a hanging Cloud Trace
        using var exporter = new MeshFed.Adapters.Gcp.Telemetry.CloudTraceExporter(new() { ProjectId = "p", EndpointUrl = sink.Endpoint,
            Delivery = new ExportDelivery { MaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(2) } }, new HttpClient(), _ => Task.FromResult("t"));
        using var processor = new CountingBatchSpanProcessor(exporter, "cloud-trace", maxQueueSize: 10);
        using var traffic = new SpanTraffic(exporter, processor: processor);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
            traffic.Span("GET /orders");
        var spent = clock.Elapsed;

        Assert.True(spent < TimeSpan.FromSeconds(2), $"recording 200 spans took {spent}");
        Assert.True(processor.QueueDrops >= 180, $"{processor.QueueDrops} dropped");
    }

    [Fact]
    public void DropsAndRetries_AreExportedAsMetrics()
    {
        var seen = new List<(string Instrument, long Value, string? Sink)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TelemetryPipeline.ExportMeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (seen)
                seen.Add((instrument.Name, value, tags.ToArray().FirstOrDefault(t => t.Key == "meshfed.sink").Value as string));
        });
        listener.Start();
        using var sink = new LoopbackSink();
        sink.Behave(_ => new SinkAnswer(400, "{}")); // refused: dropped
        using var exporter = new MeshFed.Adapters.Gcp.Telemetry.CloudTraceExporter(new() { ProjectId = "p", EndpointUrl = sink.Endpoint }, new HttpClient(), _ => Task.FromResult("t"));
        using (var traffic = new SpanTraffic(exporter))
        {
            traffic.Span("GET /orders");
            traffic.Flush();
        }

        lock (seen)
            Assert.Contains(("meshfed.export.dropped", 1L, "cloud-trace"), seen);
    }
}
