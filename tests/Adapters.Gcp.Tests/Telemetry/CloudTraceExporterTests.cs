using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Model;
using MeshFed.Tests.Shared.Telemetry;

namespace MeshFed.Adapters.Gcp.Tests.Telemetry;

/// <summary>
/// The Cloud Trace exporter against a loopback Cloud Trace: requests equal what @googleapis/cloudtrace sends for
/// the same spans, limits are met by truncating with counts (never by refusing), and failures are retried.
/// </summary>
public sealed class CloudTraceExporterTests : IDisposable
{
    private readonly LoopbackSink _sink = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _sink.Dispose();
        _http.Dispose();
    }

    private CloudTraceExporter Exporter(int perRequest = 500) => new(new CloudTraceExporterOptions
    {
        ProjectId = "shop-prod",
        EndpointUrl = _sink.Endpoint,
        MaxSpansPerRequest = perRequest,
        Delivery = new ExportDelivery { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
    }, _http, _ => Task.FromResult("test-token"));

    private static JsonArray Spans(CapturedRequest request) => JsonNode.Parse(request.Body)!["spans"]!.AsArray();

    [Fact]
    public void Requests_AreWhatTheOfficialClientSends()
    {
        using var exporter = Exporter();
        using (var traffic = new SpanTraffic(exporter))
        {
            var server = traffic.Span("GET /orders", attributes: [new(GoldenSignals.ServiceAttribute, "orders")]);
            traffic.Span("call payments", ActivityKind.Client, server.Context, status: 500);
            traffic.Flush();
        }

        var ours = Assert.Single(_sink.Requests);
        var theirs = Assert.Single(Conformance.OfficialRequests(new JsonObject
        {
            ["api"] = "cloudtrace",
            ["input"] = new JsonObject { ["name"] = "projects/shop-prod", ["requestBody"] = JsonNode.Parse(ours.Body) },
        }));

        Assert.Equal((string?)theirs["method"], ours.Method);
        Assert.Equal((string?)theirs["path"], ours.Path);
        Assert.Equal("Bearer test-token", ours.Header("authorization"));
        Assert.Equal(JsonCanon.Of(theirs["body"]), JsonCanon.Of(JsonNode.Parse(ours.Body)));
    }

    [Fact]
    public void Spans_UseTheW3CIdsAndTheDocumentedShape()
    {
        using var exporter = Exporter();
        Activity server, client;
        using (var traffic = new SpanTraffic(exporter))
        {
            server = traffic.Span("GET /orders");
            client = traffic.Span("call payments", ActivityKind.Client, server.Context, status: 503);
            traffic.Flush();
        }

        var spans = Spans(Assert.Single(_sink.Requests));
        var root = Assert.Single(spans, s => (string?)s!["spanId"] == server.SpanId.ToHexString())!;
        var child = Assert.Single(spans, s => (string?)s!["spanId"] == client.SpanId.ToHexString())!;
        Assert.Equal($"projects/shop-prod/traces/{server.TraceId.ToHexString()}/spans/{server.SpanId.ToHexString()}", (string?)root["name"]);
        Assert.Null(root["parentSpanId"]);
        Assert.Equal("SERVER", (string?)root["spanKind"]);
        Assert.Equal("200", (string?)root["attributes"]!["attributeMap"]!["/http/status_code"]!["intValue"]);
        Assert.Equal(server.SpanId.ToHexString(), (string?)child["parentSpanId"]);
        Assert.Equal("CLIENT", (string?)child["spanKind"]);
        Assert.Equal(2, (int)child["status"]!["code"]!);
        Assert.True((bool)child["sameProcessAsParentSpan"]!);
    }

    [Fact]
    public void ArrayAttributes_AreSentAsJsonText()
    {
        // Cloud Trace's AttributeValue holds a string, an integer or a boolean; OpenTelemetry says an array goes to such a
        // protocol as its JSON text (common spec, "Attribute"), which is what Google's own exporters send.
        using var exporter = Exporter();
        using (var traffic = new SpanTraffic(exporter))
        {
            traffic.Span("GET /orders", attributes: [new("peers", new[] { "a", "b\"c", "é" }), new("codes", new[] { 200, 503 }), new("ratios", new[] { 0.5, double.NaN }), new("flags", new[] { true, false })]);
            traffic.Flush();
        }

        var attributes = Assert.Single(Spans(Assert.Single(_sink.Requests)))!["attributes"]!["attributeMap"]!;
        Assert.Equal("""["a","b\"c","é"]""", (string?)attributes["peers"]!["stringValue"]!["value"]);
        Assert.Equal("[200,503]", (string?)attributes["codes"]!["stringValue"]!["value"]);
        Assert.Equal("""[0.5,"NaN"]""", (string?)attributes["ratios"]!["stringValue"]!["value"]);
        Assert.Equal("[true,false]", (string?)attributes["flags"]!["stringValue"]!["value"]);
    }

    [Fact]
    public void TenTimesEveryLimit_IsTruncatedAndCounted_NotRefused()
    {
        using var exporter = Exporter(perRequest: 50);
        using (var traffic = new SpanTraffic(exporter, maxQueue: 4096))
        {
            traffic.Span(new string('n', 1280), attributes: [
                .. Enumerable.Range(0, 320).Select(k => KeyValuePair.Create<string, object?>($"attr.{k:D3}", "v")),
            ]);
            traffic.Span("long values", attributes: [new("long.value", new string('é', 1280)), new(new string('k', 1280), "long key")]);
            for (var i = 0; i < 500; i++)
                traffic.Span("GET /orders");
            traffic.Flush();
        }

        var requests = _sink.Requests;
        Assert.All(requests, r => Assert.InRange(Spans(r).Count, 1, 50));
        var all = requests.SelectMany(r => Spans(r)).Select(s => s!.AsObject()).ToList();
        Assert.Equal(502, all.Count);
        var named = Assert.Single(all, s => ((string?)s["displayName"]!["value"])!.StartsWith('n'));
        Assert.Equal(128, Encoding.UTF8.GetByteCount((string)named["displayName"]!["value"]!));
        Assert.Equal(1280 - 128, (int)named["displayName"]!["truncatedByteCount"]!);
        Assert.Equal(32, named["attributes"]!["attributeMap"]!.AsObject().Count);
        Assert.Equal(320 + 3 - 32, (int)named["attributes"]!["droppedAttributesCount"]!);
        var valued = Assert.Single(all, s => (string?)s["displayName"]!["value"] == "long values");
        var value = valued["attributes"]!["attributeMap"]!["long.value"]!["stringValue"]!;
        Assert.Equal(256, Encoding.UTF8.GetByteCount((string)value["value"]!));
        Assert.Equal(2560 - 256, (int)value["truncatedByteCount"]!);
        Assert.Equal(1, (int)valued["attributes"]!["droppedAttributesCount"]!); // the 1280-byte key
        Assert.Equal(502, exporter.Status.Sent);
    }

    [Fact]
    public void Unavailable_IsRetried_AndAHangingSinkIsBoundedByTheTimeout()
    {
        var calls = 0;
        _sink.Behave(_ => Interlocked.Increment(ref calls) switch
        {
            1 => new SinkAnswer(503, "{}"),
            2 => new SinkAnswer(Delay: TimeSpan.FromSeconds(30)),
            _ => SinkAnswer.Ok,
        });
        using var exporter = new CloudTraceExporter(new CloudTraceExporterOptions
        {
            ProjectId = "shop-prod",
            EndpointUrl = _sink.Endpoint,
            Delivery = new ExportDelivery { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromMilliseconds(500) },
        }, _http, _ => Task.FromResult("t"));
        using var traffic = new SpanTraffic(exporter);
        traffic.Span("GET /orders");
        traffic.Flush();

        Assert.Equal(3, _sink.Requests.Count);
        Assert.Equal(2, exporter.Status.Retries);
        Assert.Equal(1, exporter.Status.Sent);
    }
}
