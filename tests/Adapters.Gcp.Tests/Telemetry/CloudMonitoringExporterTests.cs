using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Model;
using MeshFed.Telemetry;
using MeshFed.Tests.Shared.Telemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Adapters.Gcp.Tests.Telemetry;

/// <summary>
/// The Cloud Monitoring exporter against a loopback Cloud Monitoring: requests equal what @google-cloud/monitoring
/// (REST fallback) sends for the same series, limits hold at 10× (200 series, one point each, 5 s spacing),
/// partial failures resend only the failed series, and OAuth2 tokens come from Google.Apis.Auth.
/// </summary>
public sealed class CloudMonitoringExporterTests : IDisposable
{
    private readonly LoopbackSink _sink = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _sink.Dispose();
        _http.Dispose();
    }

    private static readonly ExportDelivery s_fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) };

    private CloudMonitoringMetricExporter Exporter(Func<CancellationToken, Task<string>>? token = null, TimeSpan? spacing = null) => new(new CloudMonitoringExporterOptions
    {
        ProjectId = "shop-prod",
        EndpointUrl = _sink.Endpoint,
        Resource = new MonitoredTask("europe-west1", "shop", "meshfed-gateway", "gcp-euw1/gw-0"),
        Delivery = s_fast,
        MinPointSpacing = spacing ?? TimeSpan.FromSeconds(5),
    }, _http, token ?? (_ => Task.FromResult("test-token")));

    private static JsonArray Series(CapturedRequest request) => JsonNode.Parse(request.Body)!["timeSeries"]!.AsArray();

    /// <summary>The client sends enums as integers (<c>$alt=json;enum-encoding=int</c>); ours are names.</summary>
    private static JsonNode EnumsAsNumbers(JsonNode body)
    {
        var copy = body.DeepClone();
        foreach (var series in copy["timeSeries"]!.AsArray())
        {
            series!["metricKind"] = (string?)series["metricKind"] switch { "GAUGE" => 1, "DELTA" => 2, "CUMULATIVE" => 3, _ => 0 };
            series["valueType"] = (string?)series["valueType"] switch { "BOOL" => 1, "INT64" => 2, "DOUBLE" => 3, "STRING" => 4, "DISTRIBUTION" => 5, _ => 0 };
        }
        return copy;
    }

    [Fact]
    public void Requests_AreWhatTheOfficialClientSends()
    {
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative);
        traffic.Request("orders", "gcp-euw1", "v1", 0.02, count: 5);
        traffic.Request("orders", "aws-use1", "v2", 0.7, status: 502);
        traffic.InFlight("orders", "gcp-euw1", "v1", 3);
        traffic.Flush();

        var ours = Assert.Single(_sink.Requests);
        var theirs = Assert.Single(Conformance.OfficialRequests(new JsonObject
        {
            ["api"] = "monitoring",
            ["input"] = new JsonObject { ["name"] = "projects/shop-prod", ["timeSeries"] = JsonNode.Parse(ours.Body)!["timeSeries"]!.DeepClone() },
        }));

        Assert.Equal((string?)theirs["method"], ours.Method);
        Assert.Equal((string?)theirs["path"], ours.Path);
        Assert.Equal("application/json", ours.Header("content-type")!.Split(';')[0]);
        Assert.Equal("Bearer test-token", ours.Header("authorization"));
        Assert.Equal(JsonCanon.Of(theirs["body"], dropProtoDefaults: true), JsonCanon.Of(EnumsAsNumbers(JsonNode.Parse(ours.Body)!), dropProtoDefaults: true));
    }

    [Fact]
    public void GoldenSignals_BecomeCustomMetricsWithTheManifestsBuckets()
    {
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative, [0.01, 0.1, 1]);
        traffic.Request("orders", "gcp-euw1", "v1", 0.05, count: 2);
        traffic.InFlight("orders", "gcp-euw1", "v1", 4);
        traffic.Flush();

        var series = Series(Assert.Single(_sink.Requests)).Select(s => s!.AsObject()).ToList();
        var requests = Assert.Single(series, s => (string?)s["metric"]!["type"] == "custom.googleapis.com/meshfed/requests");
        Assert.Equal("CUMULATIVE", (string?)requests["metricKind"]);
        Assert.Equal("2", (string?)requests["points"]![0]!["value"]!["int64Value"]);
        Assert.Equal("orders", (string?)requests["metric"]!["labels"]!["service"]);
        Assert.Equal("2xx", (string?)requests["metric"]!["labels"]!["response_class"]);
        Assert.Equal("generic_task", (string?)requests["resource"]!["type"]);
        var latency = Assert.Single(series, s => (string?)s["metric"]!["type"] == "custom.googleapis.com/meshfed/request_duration");
        var distribution = latency["points"]![0]!["value"]!["distributionValue"]!;
        Assert.Equal([0.01, 0.1, 1], distribution["bucketOptions"]!["explicitBuckets"]!["bounds"]!.AsArray().Select(b => (double)b!));
        Assert.Equal(["0", "2", "0", "0"], distribution["bucketCounts"]!.AsArray().Select(c => (string?)c));
        var active = Assert.Single(series, s => (string?)s["metric"]!["type"] == "custom.googleapis.com/meshfed/requests_active");
        Assert.Equal("GAUGE", (string?)active["metricKind"]);
    }

    [Fact]
    public void TenTimesTheSeriesLimit_EveryRequestHasAtMost200SeriesOfOnePoint()
    {
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative);
        for (var i = 0; i < 2000; i++)
            traffic.Raw(GoldenSignals.Requests, 1, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, "s" + i));
        traffic.Flush();

        var requests = _sink.Requests;
        Assert.Equal(10, requests.Count);
        Assert.All(requests, r =>
        {
            var series = Series(r);
            Assert.InRange(series.Count, 1, 200);
            Assert.All(series, s => Assert.Single(s!["points"]!.AsArray()));
            Assert.Equal(series.Count, series.Select(s => s!["metric"]!.ToJsonString()).Distinct().Count());
        });
        Assert.Equal(2000, exporter.Status.Sent);
    }

    [Fact]
    public void APointSoonerThanTheSpacing_WaitsForTheNextExport_AndReplacesNothingLost()
    {
        using var exporter = Exporter(spacing: TimeSpan.FromSeconds(5));
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative);
        traffic.Raw(GoldenSignals.Requests, 1, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, "orders"));
        traffic.Flush();
        traffic.Raw(GoldenSignals.Requests, 1, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, "orders"));
        traffic.Flush(); // within 5 s of the first point: held back

        Assert.Single(_sink.Requests);
        Assert.Equal(1, exporter.Status.Pending);
        Assert.Equal(0, exporter.Status.Dropped);
    }

    [Theory]
    [InlineData("99999999999")] // int.Parse threw, out of the send: the delivery kept the batch to send again at every export (pending 2)
    [InlineData("500")]         // read as a partial failure of a two-series request: counted as written (sent 2) although refused
    public void AFailureNamingNoSeriesOfTheRequest_IsARefusal(string index)
    {
        // The answer is the sink's text, or that of whatever stands in front of it: an index names a series of this
        // request or none.
        _sink.Behave(_ => new SinkAnswer(400, $$$"""{"error":{"code":400,"message":"could not be written: timeSeries[{{{index}}}]: bad"}}"""));
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative);
        for (var i = 0; i < 2; i++)
            traffic.Raw(GoldenSignals.Requests, 1, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, "s" + i));
        traffic.Flush();

        Assert.Equal(new ExportStatus(Sent: 0, Dropped: 2, Retries: 0, Pending: 0), exporter.Status);
    }

    [Fact]
    public void APartialFailure_ResendsOnlyTheFailedSeries()
    {
        var calls = 0;
        _sink.Behave(_ => Interlocked.Increment(ref calls) == 1
            ? new SinkAnswer(400, """{"error":{"code":400,"status":"INVALID_ARGUMENT","message":"One or more TimeSeries could not be written: timeSeries[1]: Points must be written in order.","details":[{"@type":"type.googleapis.com/google.monitoring.v3.CreateTimeSeriesSummary","totalPointCount":3,"successPointCount":2,"errors":[{"status":{"code":3},"pointCount":1}]}]}}""")
            : SinkAnswer.Ok);
        using var exporter = Exporter(spacing: TimeSpan.FromSeconds(5));
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative);
        for (var i = 0; i < 3; i++)
            traffic.Raw(GoldenSignals.Requests, 1, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, "s" + i));
        traffic.Flush();

        Assert.Equal(2, exporter.Status.Sent);
        Assert.Equal(1, exporter.Status.Pending);
        var failed = Series(_sink.Requests[0])[1]!["metric"]!.ToJsonString();

        traffic.Flush();
        var resent = Series(_sink.Requests[^1]);
        Assert.Single(resent);
        Assert.Equal(failed, resent[0]!["metric"]!.ToJsonString());
        Assert.Equal(3, exporter.Status.Sent);
    }

    [Fact]
    public void ASinkThatIsDown_IsRetried_ThenDrainsOnRecovery()
    {
        _sink.Behave(_ => new SinkAnswer(503, """{"error":{"code":503,"status":"UNAVAILABLE"}}"""));
        using var exporter = Exporter(spacing: TimeSpan.FromSeconds(5));
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative);
        traffic.Request("orders", "gcp-euw1", "v1", 0.01);
        traffic.Flush();

        Assert.Equal(3, _sink.Requests.Count);
        Assert.Equal(2, exporter.Status.Retries);
        Assert.Equal(2, exporter.Status.Pending);

        _sink.Behave(_ => SinkAnswer.Ok);
        traffic.Request("orders", "gcp-euw1", "v1", 0.01);
        traffic.Flush();

        Assert.Equal(0, exporter.Status.Pending);
        Assert.Equal(2, exporter.Status.Sent); // one point per series: the newer cumulative totals carry the older ones
        Assert.Equal("2", (string?)Series(_sink.Requests[^1]).Single(s => ((string?)s!["metric"]!["type"])!.EndsWith("/requests"))!["points"]![0]!["value"]!["int64Value"]);
    }

    [Fact]
    public async Task Tokens_ComeFromAServiceAccountThroughGoogleApisAuth()
    {
        var keyFile = Path.GetTempFileName();
        try
        {
            _sink.Behave(r => r.Path == "/token"
                ? new SinkAnswer(200, """{"access_token":"ya29.loopback","expires_in":3600,"token_type":"Bearer"}""")
                : SinkAnswer.Ok);
            using var rsa = RSA.Create(2048);
            await File.WriteAllTextAsync(keyFile, new JsonObject
            {
                ["type"] = "service_account",
                ["project_id"] = "shop-prod",
                ["private_key_id"] = "k1",
                ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
                ["client_email"] = "meshfed@shop-prod.iam.gserviceaccount.com",
                ["client_id"] = "1",
                ["token_uri"] = new Uri(_sink.Endpoint, "/token").ToString(),
            }.ToJsonString());

            using var exporter = Exporter(GoogleAccessTokens.ServiceAccountFile(keyFile, GoogleAccessTokens.MonitoringScope));
            using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative);
            traffic.Request("orders", "gcp-euw1", "v1", 0.01);
            traffic.Flush();

            var tokenRequest = Assert.Single(_sink.Requests, r => r.Path == "/token");
            Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", tokenRequest.Body);
            Assert.Equal("Bearer ya29.loopback", Assert.Single(_sink.Requests, r => r.Path.EndsWith("/timeSeries")).Header("authorization"));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public void AValueTheApiCannotTake_IsDroppedAlone_AndDoesNotHoldBackTheSeriesBehindIt()
    {
        // A gauge can report NaN (a ratio of nothing). A point's value must be a number (TypedValue.doubleValue; the
        // JSON writer refuses NaN and infinities): writing the body threw, and the delivery kept the batch that threw,
        // so every later export of this gateway was stuck behind that one point.
        using var exporter = Exporter();
        var ok = new MetricSample
        {
            Name = "meshfed.queue.ratio", Kind = SampleKind.Gauge, Attributes = [new("meshfed.service", "orders")],
            Start = DateTimeOffset.UnixEpoch.AddDays(20_000), End = DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(10), Value = 0.5,
        };
        var unwritable = ok with { Attributes = [new("meshfed.service", "cart")], Value = double.NaN };

        exporter.Export([unwritable, ok]);
        exporter.Export([ok with { Attributes = [new("meshfed.service", "stock")], Value = 0.25 }]);

        var written = _sink.Requests.SelectMany(Series).Select(s => (string?)s!["metric"]!["labels"]!["service"]);
        Assert.Equal(["orders", "stock"], written);
        Assert.Equal(new ExportStatus(Sent: 2, Dropped: 1, Retries: 0, Pending: 0), exporter.Status);
    }
}
