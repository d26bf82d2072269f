using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Model;
using MeshFed.Telemetry;
using MeshFed.Tests.Shared.Telemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Adapters.Aws.Tests.Telemetry;

/// <summary>
/// The CloudWatch exporter against a loopback CloudWatch: its requests equal what @aws-sdk/client-cloudwatch sends
/// for the same data, every request respects the API's limits at 10× load, and a throttling, failing or hanging
/// endpoint costs retries and bounded memory, never data while the buffer has room.
/// </summary>
public sealed class CloudWatchExporterTests : IDisposable
{
    private static readonly AwsCredentials s_credentials = new("AKIDEXAMPLE", "secret");
    private readonly LoopbackSink _sink = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _sink.Dispose();
        _http.Dispose();
    }

    private CloudWatchMetricExporter Exporter(ExportDelivery? delivery = null) => new(new CloudWatchExporterOptions
    {
        Region = "us-east-1",
        EndpointUrl = _sink.Endpoint,
        Delivery = delivery ?? Fast,
    }, _http, () => s_credentials);

    private static ExportDelivery Fast { get; } = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromSeconds(5) };

    private static int Datums(CapturedRequest request) => JsonNode.Parse(request.Body)!["MetricData"]!.AsArray().Count;

    [Theory]
    [InlineData(5)]      // small: sent as is
    [InlineData(300)]    // over 10 KiB: gzip, as the SDK does
    public void Requests_AreWhatTheOfficialSdkSends(int series)
    {
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        for (var i = 0; i < series; i++)
        {
            traffic.Request("orders", i % 2 == 0 ? "aws-use1" : "gcp-euw1", $"v{i}", 0.012 * (i % 7 + 1), status: i % 5 == 0 ? 503 : 200, count: 3);
            traffic.InFlight("orders", "aws-use1", $"v{i}", 2);
        }
        traffic.Flush();

        var sent = _sink.Requests;
        var official = Conformance.OfficialRequests([.. sent.Select(r => new JsonObject { ["api"] = "cloudwatch", ["input"] = JsonNode.Parse(r.Body) })]);

        Assert.Equal(sent.Count, official.Count);
        foreach (var (ours, theirs) in sent.Zip(official))
        {
            Assert.Equal((string?)theirs["method"], ours.Method);
            Assert.Equal((string?)theirs["path"], ours.Path);
            foreach (var header in new[] { "content-type", "content-encoding", "x-amz-target", "x-amzn-query-mode" })
                Assert.Equal((string?)theirs["headers"]![header], ours.Header(header));
            Assert.Equal(JsonCanon.Of(theirs["body"]), JsonCanon.Of(JsonNode.Parse(ours.Body)));
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", ours.Header("authorization"));
            Assert.Contains("/us-east-1/monitoring/aws4_request", ours.Header("authorization"));
        }
        Assert.Equal(series > 100, sent.Any(r => r.Header("content-encoding") == "gzip"));
    }

    [Fact]
    public void GoldenSignals_MapToCloudWatchNamesUnitsAndValuesCounts()
    {
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.007, count: 4); // (0.005, 0.010]
        traffic.Request("orders", "aws-use1", "v1", 0.3, count: 1);   // (0.25, 0.5]
        traffic.Flush();

        var data = JsonNode.Parse(Assert.Single(_sink.Requests).Body)!["MetricData"]!.AsArray().Select(d => d!.AsObject()).ToList();
        var requests = Assert.Single(data, d => (string?)d["MetricName"] == "Requests");
        Assert.Equal(5, (double)requests["Value"]!);
        Assert.Equal("Count", (string?)requests["Unit"]);
        Assert.Contains(requests["Dimensions"]!.AsArray(), d => (string?)d!["Name"] == "ResponseClass" && (string?)d["Value"] == "2xx");
        var latency = Assert.Single(data, d => (string?)d["MetricName"] == "RequestDuration");
        Assert.Equal("Seconds", (string?)latency["Unit"]);
        Assert.Equal([0.01, 0.5], latency["Values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([4.0, 1.0], latency["Counts"]!.AsArray().Select(v => (double)v!));
    }

    [Fact]
    public void TenTimesEveryLimit_EveryRequestRespectsIt()
    {
        using var exporter = Exporter();
        // 10,000 series (10× the 1000 data per request), each with 300 attributes (10× the 30 dimensions) of long values (1 MB pressure).
        var buckets = Enumerable.Range(1, 1500).Select(i => i / 1000.0).ToArray(); // 1500 buckets: 10× the 150 values per datum
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta, buckets);
        // One attribute array reused for every series, only the service changing: the SDK copies the tags of each new
        // series, so the exporter sees the same 10,000 × 301 attributes while the test does not build 6 million strings.
        var attributes = new KeyValuePair<string, object?>[301];
        for (var k = 0; k < 300; k++)
            attributes[k + 1] = KeyValuePair.Create<string, object?>($"k{k:D3}", "xx");
        for (var i = 0; i < 10_000; i++)
        {
            attributes[0] = new("meshfed.service", "s" + i);
            traffic.Raw(GoldenSignals.Requests, 1, attributes);
        }
        for (var b = 0; b < 1500; b++)
            traffic.Raw(GoldenSignals.Duration, (b + 0.5) / 1000.0, new KeyValuePair<string, object?>("meshfed.service", "big"));
        traffic.Flush();

        var requests = _sink.Requests;
        Assert.True(requests.Count >= 10, $"{requests.Count} requests");
        var bodies = requests.Select(r => JsonNode.Parse(r.Body)!["MetricData"]!.AsArray()).ToList(); // each body parsed once
        Assert.All(requests.Zip(bodies), sent =>
        {
            var (r, data) = sent;
            Assert.InRange(data.Count, 1, 1000);
            Assert.InRange(r.RawBody.Length, 1, 1_000_000);
            Assert.All(data, d => Assert.InRange(d!["Dimensions"]!.AsArray().Count, 0, 30));
            Assert.All(data, d => Assert.InRange(d!["Values"]?.AsArray().Count ?? 0, 0, 150));
        });
        Assert.Equal(10_000, bodies.Sum(data => data.Count(d => (string?)d!["MetricName"] == "Requests")));
        var latencyValues = bodies.SelectMany(data => data)
            .Where(d => (string?)d!["MetricName"] == "RequestDuration").Sum(d => d!["Counts"]!.AsArray().Sum(c => (double)c!));
        Assert.Equal(1500, latencyValues);
        Assert.Equal(0, exporter.Status.Dropped);
    }

    [Fact]
    public void Throttling_IsRetriedWithBackoffAndCounted()
    {
        var calls = 0;
        _sink.Behave(_ => Interlocked.Increment(ref calls) <= 2
            ? new SinkAnswer(400, """{"__type":"com.amazonaws.cloudwatch#Throttling","message":"Rate exceeded"}""", new Dictionary<string, string> { ["x-amzn-query-error"] = "Throttling;Sender" })
            : SinkAnswer.Ok);
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.01);
        traffic.Flush();

        Assert.Equal(3, _sink.Requests.Count);
        Assert.Equal(2, exporter.Status.Retries);
        Assert.True(exporter.Status.Sent > 0);
        Assert.Equal(0, exporter.Status.Pending);
    }

    [Fact]
    public void ARefusedRequest_IsCountedAsDroppedNotRetried()
    {
        _sink.Behave(_ => new SinkAnswer(400, """{"__type":"InvalidParameterValue","message":"bad"}""", new Dictionary<string, string> { ["x-amzn-query-error"] = "InvalidParameterValue;Sender" }));
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.01);
        traffic.Flush();

        Assert.Single(_sink.Requests);
        Assert.Equal(2, exporter.Status.Dropped); // the requests counter and the latency histogram
        Assert.Equal(0, exporter.Status.Pending);
    }

    [Fact]
    public void ARefusalWhoseBodyIsAnotherShape_IsStillARefusal()
    {
        // A proxy or firewall in front of CloudWatch answers in its own shape; reading "code" as text threw on a number,
        // and the refusal became a throw: kept and resent at every export instead of counted as dropped.
        _sink.Behave(_ => new SinkAnswer(403, """{"code":403,"message":"blocked by policy"}"""));
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.01);
        traffic.Flush();

        Assert.Single(_sink.Requests);
        Assert.Equal(new ExportStatus(Sent: 0, Dropped: 2, Retries: 0, Pending: 0), exporter.Status);
    }

    [Fact]
    public void AnExport_StopsAtTheFirstRequestStillFailingAfterItsRetries_AndKeepsTheRest()
    {
        // The requests after it would meet the same sink (and ask for credentials again): they wait for the next export.
        _sink.Behave(_ => new SinkAnswer(503, "{}"));
        using var exporter = new CloudWatchMetricExporter(new CloudWatchExporterOptions
        {
            Region = "us-east-1", EndpointUrl = _sink.Endpoint, MaxDatumsPerRequest = 4, Delivery = Fast with { MaxAttempts = 1 },
        }, _http, () => s_credentials);
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        for (var i = 0; i < 10; i++)
            traffic.Request("orders", "aws-use1", $"v{i}", 0.01);
        traffic.Flush(); // 20 samples, several requests' worth

        Assert.Single(_sink.Requests);
        Assert.Equal(new ExportStatus(Sent: 0, Dropped: 0, Retries: 0, Pending: 20), exporter.Status);
    }

    [Fact]
    public void AHistogramWithNoValueCloudWatchCanTake_IsCountedAsDropped_NotLostSilently()
    {
        // No bounds and an infinite sum: its one bucket stands for the mean, which is not finite, so it has no datum.
        using var exporter = Exporter();
        var latency = new MetricSample
        {
            Name = GoldenSignals.Duration, Kind = SampleKind.Histogram, Attributes = [new(GoldenSignals.ServiceAttribute, "orders")],
            Start = DateTimeOffset.UtcNow.AddSeconds(-10), End = DateTimeOffset.UtcNow,
            Histogram = new HistogramSample([], [2], 2, double.PositiveInfinity, null, null),
        };

        exporter.Export([latency, latency with { Histogram = new HistogramSample([], [0], 0, 0, null, null) }]);

        Assert.Empty(_sink.Requests);
        Assert.Equal(new ExportStatus(Sent: 0, Dropped: 1, Retries: 0, Pending: 0), exporter.Status); // the empty one is no loss
    }

    [Fact]
    public void ASinkThatIsDown_KeepsABoundedBuffer_CountsDrops_AndDrainsOnRecovery()
    {
        _sink.Behave(_ => new SinkAnswer(503, "{}"));
        using var exporter = Exporter(Fast with { MaxAttempts = 2, MaxPendingItems = 50 });
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 10; i++)
                traffic.Request("orders", "aws-use1", $"v{i}", 0.01);
            traffic.Flush(); // 20 samples per round (10 counters + 10 histograms)
        }
        Assert.Equal(50, exporter.Status.Pending);   // bounded
        Assert.Equal(10, exporter.Status.Dropped);   // 60 produced − 50 kept, counted
        Assert.True(exporter.Status.Retries >= 3);

        _sink.Behave(_ => SinkAnswer.Ok);
        traffic.Flush();

        Assert.Equal(0, exporter.Status.Pending);
        Assert.Equal(50, exporter.Status.Sent);     // everything kept was delivered after recovery
    }

    [Fact]
    public void AHangingSink_CostsAtMostTheAttemptTimeouts()
    {
        _sink.Behave(_ => new SinkAnswer(Delay: TimeSpan.FromSeconds(30)));
        using var exporter = Exporter(Fast with { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.01);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        traffic.Flush();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed}");
        Assert.Equal(2, exporter.Status.Pending);
        Assert.Equal(1, exporter.Status.Retries);

        _sink.Behave(_ => SinkAnswer.Ok);
        traffic.Flush();
        Assert.Equal(0, exporter.Status.Pending);
        Assert.Equal(2, exporter.Status.Sent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Options_OutOfBounds_AreRefusedWhenBuilt(int datums) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudWatchMetricExporter(
            new CloudWatchExporterOptions { Region = "us-east-1", MaxDatumsPerRequest = datums }, new HttpClient(), () => s_credentials));

    [Fact]
    public void AValueCloudWatchCannotTake_IsCountedAsDropped_NotLostSilently()
    {
        // A gauge can report NaN; CloudWatch takes no NaN or infinity, so the point cannot go — but it was left out
        // without a count (sent 1, dropped 0), which is the one thing a dropped point must not be. The loopback sink
        // accepts anything, so what CloudWatch would refuse is seen here only as what is not sent.
        using var exporter = Exporter();
        var ok = new MetricSample
        {
            Name = "meshfed.queue.ratio", Kind = SampleKind.Gauge, Attributes = [new("meshfed.service", "orders")],
            Start = DateTimeOffset.UtcNow.AddSeconds(-10), End = DateTimeOffset.UtcNow, Value = 0.5,
        };

        // 1e200 is finite but beyond the ±2^360 CloudWatch takes: in the request, it had the whole request refused.
        exporter.Export([ok with { Value = double.NaN }, ok with { Value = double.PositiveInfinity }, ok with { Value = 1e200 }, ok]);

        Assert.Equal(1, Datums(Assert.Single(_sink.Requests)));
        Assert.Equal(new ExportStatus(Sent: 1, Dropped: 3, Retries: 0, Pending: 0), exporter.Status);
    }
}
