using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Model;
using MeshFed.Tests.Shared;
using MeshFed.Tests.Shared.Telemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Federation.Tests.Telemetry;

/// <summary>
/// <c>signals compare --source cloudwatch|cloud-monitoring</c> against loopback clouds: what the exporters wrote
/// comes back as the same rows. The Cloud Monitoring fake answers timeSeries.list with the series the exporter
/// sent; the CloudWatch fake answers ListMetrics with the dimension sets the exporter sent and GetMetricData with
/// the statistics computed from the data it received. Reading requests equal @aws-sdk/client-cloudwatch's.
/// </summary>
public sealed class CloudSignalSourceTests : IDisposable
{
    private readonly LoopbackSink _sink = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _sink.Dispose();
        _http.Dispose();
    }

    [Theory]
    [InlineData("cloudwatch")]
    [InlineData("cloud-monitoring")]
    public async Task CloudThatRefuses_IsARemoteFailureNotAnInputError(string source)
    {
        _sink.Behave(_ => new SinkAnswer(503, "{\"message\":\"slow down\"}"));
        var error = new StringWriter();

        var code = await SignalsCompareCommand.RunAsync(new SignalsRequest
        {
            Service = "checkout", Manifest = RepoPaths.Of("examples/shop"), Source = source, Endpoint = _sink.Endpoint.ToString(),
        }, new CliOutput(TextWriter.Null, error), accessToken: _ => Task.FromResult("t"), awsCredentials: () => new AwsCredentials("AKIDEXAMPLE", "secret"));

        Assert.Equal(ExitCodes.RemoteFailed, code);
        Assert.Contains("answered 503", error.ToString());
    }

    [Theory]
    [InlineData("cloudwatch")]
    [InlineData("cloud-monitoring")]
    public async Task EndpointThatIsNotAUrl_IsAUsageError(string source)
    {
        var error = new StringWriter();

        var code = await SignalsCompareCommand.RunAsync(new SignalsRequest
        {
            Service = "checkout", Manifest = RepoPaths.Of("examples/shop"), Source = source, Endpoint = "not a url",
        }, new CliOutput(TextWriter.Null, error), accessToken: _ => Task.FromResult("t"), awsCredentials: () => new AwsCredentials("AKIDEXAMPLE", "secret"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("meshfed: --endpoint-url 'not a url' is not an absolute URL\n", error.ToString());
        Assert.Empty(_sink.Requests);
    }

    private static void Serve(GoldenTraffic traffic)
    {
        for (var i = 0; i < 200; i++)
            traffic.Request("checkout", "aws-use1", "v1", i % 2 == 0 ? 0.007 : 0.02, status: i < 2 ? 503 : 200);
        for (var i = 0; i < 100; i++)
            traffic.Request("checkout", "gcp-euw1", "v2", 0.3, status: i < 20 ? 503 : 200);
        traffic.InFlight("checkout", "gcp-euw1", "v2", 5);
    }

    [Fact]
    public async Task CloudMonitoring_WhatTheExporterWrote_ComesBackAsTheSameRows()
    {
        using (var exporter = new MeshFed.Adapters.Gcp.Telemetry.CloudMonitoringMetricExporter(new()
        {
            ProjectId = "shop-prod-4711",
            EndpointUrl = _sink.Endpoint,
            Resource = new("europe-west1", "shop", "meshfed-gateway", "gcp-euw1/gw"),
        }, _http, _ => Task.FromResult("t")))
        using (var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Cumulative, [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]))
        {
            Serve(traffic);
            traffic.Flush();
        }
        var written = _sink.Requests.SelectMany(r => JsonNode.Parse(r.Body)!["timeSeries"]!.AsArray()).Select(s => s!.AsObject()).ToList();
        _sink.Behave(request =>
        {
            var type = System.Web.HttpUtility.ParseQueryString(request.Query)["filter"]!.Split('"')[1];
            return new SinkAnswer(200, new JsonObject { ["timeSeries"] = new JsonArray([.. written.Where(s => (string?)s["metric"]!["type"] == type).Select(s => s.DeepClone())]) }.ToJsonString());
        });
        var output = new StringWriter();

        var code = await SignalsCompareCommand.RunAsync(new SignalsRequest
        {
            Service = "checkout", Manifest = RepoPaths.Of("examples/shop"), Source = "cloud-monitoring", Endpoint = _sink.Endpoint.ToString(),
        }, new CliOutput(output, output), accessToken: _ => Task.FromResult("t"));

        Assert.True(code == ExitCodes.Success, output.ToString());
        var text = output.ToString();
        Assert.Contains("from cloud-monitoring shop-prod-4711", text);
        Assert.Matches(@"aws-use1/v1\s+aws\s+200\s+0\.22\s+1\.00%\s+10\.0\s+23\.5\s+24\.7\s", text);
        Assert.Matches(@"gcp-euw1/v2\s+gcp\s+100\s+0\.11\s+20\.00%\s+375\.0\s+487\.5\s+497\.5\s+5\s", text);
        Assert.Contains(_sink.Requests, r => r.Method == "GET" && r.Path == "/v3/projects/shop-prod-4711/timeSeries" && r.Header("authorization") == "Bearer t");
    }

    [Fact]
    public async Task CloudWatch_WhatTheExporterWrote_ComesBackAsTheSameRows()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "secret");
        using (var exporter = new CloudWatchMetricExporter(new CloudWatchExporterOptions { Region = "us-east-1", EndpointUrl = _sink.Endpoint }, _http, () => credentials))
        using (var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta, [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]))
        {
            Serve(traffic);
            traffic.Flush();
        }
        var data = _sink.Requests.SelectMany(r => JsonNode.Parse(r.Body)!["MetricData"]!.AsArray()).Select(d => d!.AsObject()).ToList();
        var fake = new FakeCloudWatch(data);
        _sink.Behave(fake.Answer);
        var output = new StringWriter();

        var code = await SignalsCompareCommand.RunAsync(new SignalsRequest
        {
            Service = "checkout", Manifest = RepoPaths.Of("examples/shop"), Source = "cloudwatch", Endpoint = _sink.Endpoint.ToString(),
        }, new CliOutput(output, output), awsCredentials: () => credentials);

        Assert.True(code == ExitCodes.Success, output.ToString());
        var text = output.ToString();
        Assert.Matches(@"aws-use1/v1\s+aws\s+200\s+0\.22\s+1\.00%\s+10\.0\s+23\.5\s+24\.7\s", text);
        Assert.Matches(@"gcp-euw1/v2\s+gcp\s+100\s+0\.11\s+20\.00%\s+375\.0\s+487\.5\s+497\.5\s+5\s", text);

        // The reading requests are what the official SDK sends for the same inputs.
        var reads = _sink.Requests.Where(r => r.Header("x-amz-target") is { } t && !t.EndsWith("PutMetricData")).ToList();
        var official = Conformance.OfficialRequests([.. reads.Select(r => new JsonObject
        {
            ["api"] = "cloudwatch",
            ["command"] = r.Header("x-amz-target")!.Split('.')[1],
            ["input"] = JsonNode.Parse(r.Body),
        })]);
        foreach (var (ours, theirs) in reads.Zip(official))
        {
            Assert.Equal((string?)theirs["headers"]!["x-amz-target"], ours.Header("x-amz-target"));
            Assert.Equal(JsonCanon.Of(theirs["body"]), JsonCanon.Of(JsonNode.Parse(ours.Body)));
        }
    }

    /// <summary>ListMetrics and GetMetricData over the data a PutMetricData received (Sum, SampleCount, Maximum, TC(:x)).</summary>
    private sealed class FakeCloudWatch(List<JsonObject> data)
    {
        private static string Key(JsonNode? dimensions) =>
            string.Join(",", dimensions!.AsArray().Select(d => $"{d!["Name"]}={d["Value"]}").Order(StringComparer.Ordinal));

        public SinkAnswer Answer(CapturedRequest request)
        {
            var body = JsonNode.Parse(request.Body)!;
            if (request.Header("x-amz-target")!.EndsWith("ListMetrics"))
            {
                var name = (string?)body["MetricName"];
                var filter = body["Dimensions"]!.AsArray().Select(d => $"{d!["Name"]}={d["Value"]}").ToList();
                var metrics = data.Where(d => (string?)d["MetricName"] == name)
                    .GroupBy(d => Key(d["Dimensions"])).Where(g => filter.All(g.Key.Split(',').Contains))
                    .Select(g => (JsonNode)new JsonObject { ["Namespace"] = "MeshFed", ["MetricName"] = name, ["Dimensions"] = g.First()["Dimensions"]!.DeepClone() });
                return new SinkAnswer(200, new JsonObject { ["Metrics"] = new JsonArray([.. metrics]) }.ToJsonString());
            }
            var results = new JsonArray();
            foreach (var query in body["MetricDataQueries"]!.AsArray())
            {
                var stat = (string)query!["MetricStat"]!["Stat"]!;
                var metric = query["MetricStat"]!["Metric"]!;
                var matching = data.Where(d => (string?)d["MetricName"] == (string?)metric["MetricName"] && Key(d["Dimensions"]) == Key(metric["Dimensions"])).ToList();
                var values = matching.SelectMany(d => d["Values"] is JsonArray vs
                    ? vs.Select((v, i) => ((double)v!, (double)d["Counts"]![i]!))
                    : [((double)d["Value"]!, 1.0)]).ToList();
                var value = stat switch
                {
                    "Sum" => values.Sum(v => v.Item1 * v.Item2),
                    "SampleCount" => values.Sum(v => v.Item2),
                    "Maximum" => values.Max(v => v.Item1),
                    _ => values.Where(v => v.Item1 <= double.Parse(stat[4..^1], System.Globalization.CultureInfo.InvariantCulture)).Sum(v => v.Item2),
                };
                results.Add(new JsonObject { ["Id"] = query["Id"]!.DeepClone(), ["Timestamps"] = new JsonArray(1_800_000_000), ["Values"] = new JsonArray(value), ["StatusCode"] = "Complete" });
            }
            return new SinkAnswer(200, new JsonObject { ["MetricDataResults"] = results }.ToJsonString());
        }
    }
}
