using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Model;
using MeshFed.Telemetry;
using MeshFed.Tests.Shared.Telemetry;

namespace MeshFed.Adapters.Aws.Tests.Telemetry;

/// <summary>
/// The X-Ray exporter against a loopback X-Ray: requests equal @aws-sdk/client-xray's for the same segments,
/// segment documents carry the documented fields, batches respect 50 documents and 64 KB, unprocessed segments
/// are resent, and the daemon datagram is the documented header plus the document.
/// </summary>
public sealed class XRayExporterTests : IDisposable
{
    private readonly LoopbackSink _sink = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _sink.Dispose();
        _http.Dispose();
    }

    private XRayTraceExporter Exporter(ExportDelivery? delivery = null) => new(
        new XRayExporterOptions { Region = "eu-west-1", EndpointUrl = _sink.Endpoint, Delivery = delivery ?? new ExportDelivery { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) } },
        _http, () => new AwsCredentials("AKIDEXAMPLE", "secret", "session-token"));

    private static List<JsonObject> Documents(CapturedRequest request) =>
        [.. JsonNode.Parse(request.Body)!["TraceSegmentDocuments"]!.AsArray().Select(d => JsonNode.Parse((string)d!)!.AsObject())];

    [Fact]
    public void Requests_AreWhatTheOfficialSdkSends()
    {
        using var exporter = Exporter();
        using (var traffic = new SpanTraffic(exporter))
        {
            var server = traffic.Span("GET /orders", attributes: [new(GoldenSignals.ServiceAttribute, "orders"), new(GoldenSignals.SiteAttribute, "aws-use1")]);
            traffic.Span("call payments", ActivityKind.Client, server.Context, status: 503);
            traffic.Flush();
        }

        var ours = Assert.Single(_sink.Requests);
        var theirs = Assert.Single(Conformance.OfficialRequests(new JsonObject { ["api"] = "xray", ["input"] = JsonNode.Parse(ours.Body) }));

        Assert.Equal((string?)theirs["method"], ours.Method);
        Assert.Equal((string?)theirs["path"], ours.Path);
        Assert.Equal((string?)theirs["headers"]!["content-type"], ours.Header("content-type"));
        Assert.Equal(JsonCanon.Of(theirs["body"]), JsonCanon.Of(JsonNode.Parse(ours.Body)));
        Assert.Contains("/eu-west-1/xray/aws4_request", ours.Header("authorization"));
        Assert.Equal("session-token", ours.Header("x-amz-security-token"));
    }

    [Fact]
    public void Segments_CarryTheDocumentedFields()
    {
        using var exporter = Exporter();
        Activity server, client;
        using (var traffic = new SpanTraffic(exporter))
        {
            server = traffic.Span("GET /orders", attributes: [new(GoldenSignals.ServiceAttribute, "orders"), new(GoldenSignals.VersionAttribute, "v2"), new("peer.name", "x")]);
            client = traffic.Span("call payments", ActivityKind.Client, server.Context, status: 503);
            traffic.Flush();
        }

        var documents = Documents(Assert.Single(_sink.Requests));
        var segment = Assert.Single(documents, d => (string?)d["id"] == server.SpanId.ToHexString());
        var subsegment = Assert.Single(documents, d => (string?)d["id"] == client.SpanId.ToHexString());
        foreach (var document in documents)
        {
            Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", (string?)document["trace_id"]);
            Assert.Matches("^[0-9a-f]{16}$", (string?)document["id"]);
            Assert.True((double)document["end_time"]! >= (double)document["start_time"]!);
            Assert.InRange(((string?)document["name"])!.Length, 1, 200);
        }
        Assert.Equal(XRayIds.FromW3C(server.TraceId.ToHexString()), (string?)segment["trace_id"]);
        Assert.Equal("orders", (string?)segment["name"]);
        Assert.Equal("orders", (string?)segment["annotations"]!["meshfed_service"]);
        Assert.Equal("x", (string?)segment["metadata"]!["default"]!["peer.name"]);
        Assert.Equal(200, (int)segment["http"]!["response"]!["status"]!);
        Assert.Equal("subsegment", (string?)subsegment["type"]);
        Assert.Equal("remote", (string?)subsegment["namespace"]);
        Assert.Equal(server.SpanId.ToHexString(), (string?)subsegment["parent_id"]);
        Assert.True((bool)subsegment["fault"]!);
    }

    [Fact]
    public void ANumberJsonCannotHold_IsSentAsText_NotAFailedExport()
    {
        using var exporter = Exporter();
        Activity span;
        using (var traffic = new SpanTraffic(exporter))
        {
            span = traffic.Span("GET /orders", attributes: [new("meshfed.ratio", double.NaN), new("load", double.PositiveInfinity), new("share", 0.25)]);
            traffic.Flush();
        }

        var segment = Assert.Single(Documents(Assert.Single(_sink.Requests)));
        Assert.Equal(span.SpanId.ToHexString(), (string?)segment["id"]);
        Assert.Equal("NaN", (string?)segment["annotations"]!["meshfed_ratio"]);
        Assert.Equal("Infinity", (string?)segment["metadata"]!["default"]!["load"]);
        Assert.Equal(0.25, (double)segment["metadata"]!["default"]!["share"]!);
    }

    [Fact]
    public void ArrayAttributes_AreListsInMetadata_AndJsonTextInAnnotations()
    {
        // Metadata values may be lists; annotation values only strings, numbers or booleans ("Segment documents",
        // "Annotations" and "Metadata"), so an array there goes as its JSON text, as OpenTelemetry says for such protocols.
        using var exporter = Exporter();
        using (var traffic = new SpanTraffic(exporter))
        {
            traffic.Span("GET /orders", attributes: [new("meshfed.peers", new[] { "a", "b" }), new("codes", new[] { 200, 503 }), new("ratios", new[] { 0.5, double.NaN })]);
            traffic.Flush();
        }

        var segment = Assert.Single(Documents(Assert.Single(_sink.Requests)));
        Assert.Equal("""["a","b"]""", (string?)segment["annotations"]!["meshfed_peers"]);
        Assert.Equal("[200,503]", segment["metadata"]!["default"]!["codes"]!.ToJsonString());
        Assert.Equal("""[0.5,"NaN"]""", segment["metadata"]!["default"]!["ratios"]!.ToJsonString());
    }

    [Fact]
    public void AnAttributeWhoseTextThrows_IsSentAsItsTypeName_NotAFailedExport()
    {
        // Any library can tag a span with an object; one whose ToString throws must not fail the export, which the
        // delivery would keep and retry, holding back every span after it until the buffer dropped it.
        using var exporter = Exporter();
        Activity bad, good;
        using (var traffic = new SpanTraffic(exporter))
        {
            bad = traffic.Span("GET /orders", attributes: [new("meshfed.order", new ThrowingText()), new("items", new object[] { 1, new ThrowingText() })]);
            good = traffic.Span("GET /stock");
            traffic.Flush();
        }

        var segments = Documents(Assert.Single(_sink.Requests));
        Assert.Equal([bad.SpanId.ToHexString(), good.SpanId.ToHexString()], segments.Select(s => (string?)s["id"]));
        Assert.Equal("(ThrowingText: ToString threw InvalidOperationException)", (string?)segments[0]["annotations"]!["meshfed_order"]);
        Assert.Equal("""[1,"(ThrowingText: ToString threw InvalidOperationException)"]""", segments[0]["metadata"]!["default"]!["items"]!.ToJsonString());
        Assert.Equal(0, exporter.Status.Pending);
    }

    private sealed class ThrowingText
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }

    [Fact]
    public void ASpanThatCannotBeWritten_IsDroppedAlone_AndDoesNotHoldBackTheSpansBehindIt()
    {
        // A segment needs a W3C trace id (XRayIds.FromW3C throws on anything else). Thrown inside the send, it failed
        // the whole batch, which the delivery keeps: no request at all, and every later export stuck behind that span.
        using var exporter = Exporter();
        var good = new SpanSample
        {
            TraceId = "0af7651916cd43dd8448eb211c80319c", SpanId = "b7ad6b7169203331", Name = "GET /orders", Kind = ActivityKind.Server,
            Start = DateTimeOffset.UnixEpoch.AddDays(20_000), End = DateTimeOffset.UnixEpoch.AddDays(20_000).AddMilliseconds(12), Attributes = [],
        };
        var bad = good with { TraceId = "not-a-trace-id", SpanId = "00f067aa0ba902b7" };

        exporter.Export([bad, good]);
        exporter.Export([good with { SpanId = "c7ad6b7169203331" }]);

        Assert.Equal(["b7ad6b7169203331", "c7ad6b7169203331"], _sink.Requests.SelectMany(Documents).Select(d => (string?)d["id"]));
        Assert.Equal(new ExportStatus(Sent: 2, Dropped: 1, Retries: 0, Pending: 0), exporter.Status);
        Assert.Equal(1, exporter.Counters.Failures.Logged);
    }

    [Fact]
    public void WithoutCredentials_TheSpansAreKept_AndOneDroppedWhileWritingIsNotKeptToo()
    {
        // No credential is the same for every span: the spans are kept for the next export and the reason is said.
        // Thrown out of the send, it made the delivery keep the whole batch, so the span already dropped while
        // writing was counted as dropped and kept as well (dropped 1, pending 2), and dropped again at every export.
        using var exporter = new XRayTraceExporter(
            new XRayExporterOptions { Region = "eu-west-1", EndpointUrl = _sink.Endpoint },
            _http, () => throw new InvalidOperationException("No AWS credentials: set AWS_ACCESS_KEY_ID or a profile"));
        var good = new SpanSample
        {
            TraceId = "0af7651916cd43dd8448eb211c80319c", SpanId = "b7ad6b7169203331", Name = "GET /orders", Kind = ActivityKind.Server,
            Start = DateTimeOffset.UnixEpoch.AddDays(20_000), End = DateTimeOffset.UnixEpoch.AddDays(20_000).AddMilliseconds(12), Attributes = [],
        };

        exporter.Export([good with { TraceId = "not-a-trace-id" }, good]);

        Assert.Empty(_sink.Requests);
        Assert.Equal(new ExportStatus(Sent: 0, Dropped: 1, Retries: 0, Pending: 1), exporter.Status);
        Assert.Equal(2, exporter.Counters.Failures.Logged); // the item dropped, and why the send failed: each on its own limit
    }

    [Fact]
    public void TenTimesTheBatchLimit_AndOversizedDocuments_RespectTheLimits()
    {
        using var exporter = Exporter();
        using (var traffic = new SpanTraffic(exporter, maxQueue: 4096))
        {
            for (var i = 0; i < 500; i++)
                traffic.Span("GET /orders");
            // 10× the 64 KB document limit in metadata: the metadata goes, the segment stays.
            traffic.Span("huge", attributes: [.. Enumerable.Range(0, 2600).Select(k => KeyValuePair.Create<string, object?>($"a{k}", new string('x', 240)))]);
            traffic.Flush();
        }

        var requests = _sink.Requests;
        Assert.All(requests, r =>
        {
            var documents = JsonNode.Parse(r.Body)!["TraceSegmentDocuments"]!.AsArray();
            Assert.InRange(documents.Count, 1, 50);
            Assert.All(documents, d => Assert.InRange(Encoding.UTF8.GetByteCount((string)d!), 1, 64 * 1024));
        });
        Assert.Equal(501, requests.Sum(r => Documents(r).Count));
        Assert.Equal(501, exporter.Status.Sent);
    }

    [Theory]
    [InlineData("""{"UnprocessedTraceSegments":[{"Id":5,"ErrorCode":1}]}""")]
    [InlineData("""{"UnprocessedTraceSegments":{"Id":"b7ad6b7169203331"}}""")]
    [InlineData("""[1,2]""")]
    public void AnAcceptedAnswerOfAnotherShape_IsTakenAsAccepted_NotAThrowThatKeepsTheBatch(string answer)
    {
        // The answer is the sink's text, or that of whatever stands in front of it. Read by casts, these shapes threw
        // out of the send, and the delivery kept the whole batch: sent again at every export (sent 0, pending 2).
        _sink.Behave(_ => new SinkAnswer(200, answer));
        using var exporter = Exporter();
        using (var traffic = new SpanTraffic(exporter))
        {
            traffic.Span("GET /orders");
            traffic.Span("GET /stock");
            traffic.Flush();
        }

        Assert.Equal(new ExportStatus(Sent: 2, Dropped: 0, Retries: 0, Pending: 0), exporter.Status);
    }

    [Fact]
    public void UnprocessedSegments_AreResentWhenThrottled_AndCountedWhenInvalid()
    {
        using var exporter = Exporter();
        using var traffic = new SpanTraffic(exporter);
        var throttled = traffic.Span("a");
        var invalid = traffic.Span("b");
        traffic.Span("c");
        _sink.Behave(_ => new SinkAnswer(200, new JsonObject
        {
            ["UnprocessedTraceSegments"] = new JsonArray(
                new JsonObject { ["Id"] = throttled.SpanId.ToHexString(), ["ErrorCode"] = "ThrottledException", ["Message"] = "slow down" },
                new JsonObject { ["Id"] = invalid.SpanId.ToHexString(), ["ErrorCode"] = "InvalidTraceId", ["Message"] = "bad" }),
        }.ToJsonString()));
        traffic.Flush();

        Assert.Equal(1, exporter.Status.Sent);
        Assert.Equal(1, exporter.Status.Dropped);
        Assert.Equal(1, exporter.Status.Pending);

        _sink.Behave(_ => SinkAnswer.Ok);
        traffic.Span("d");
        traffic.Flush();

        Assert.Equal(3, exporter.Status.Sent);
        Assert.Equal(0, exporter.Status.Pending);
        Assert.Contains(Documents(_sink.Requests[^1]), d => (string?)d["id"] == throttled.SpanId.ToHexString());
    }

    [Fact]
    public void ASinkThatIsDown_KeepsABoundedBuffer_AndDrainsOnRecovery()
    {
        _sink.Behave(_ => new SinkAnswer(429, """{"__type":"ThrottledException"}"""));
        using var exporter = Exporter(new ExportDelivery { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxPendingItems = 30 });
        using var traffic = new SpanTraffic(exporter);
        for (var i = 0; i < 40; i++)
            traffic.Span("GET /orders");
        traffic.Flush();

        Assert.Equal(30, exporter.Status.Pending);
        Assert.Equal(10, exporter.Status.Dropped);
        Assert.True(exporter.Status.Retries >= 1);

        _sink.Behave(_ => SinkAnswer.Ok);
        traffic.Span("after"); // the kept segments go with the next batch
        traffic.Flush();

        Assert.Equal(0, exporter.Status.Pending);
        Assert.Equal(31, exporter.Status.Sent);
    }

    [Fact]
    public void DaemonDatagram_IsTheDocumentedHeaderThenTheSegment()
    {
        using var daemon = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var exporter = new XRayDaemonExporter((IPEndPoint)daemon.Client.LocalEndPoint!);
        Activity span;
        using (var traffic = new SpanTraffic(exporter))
        {
            span = traffic.Span("GET /orders", attributes: [new(GoldenSignals.ServiceAttribute, "orders")]);
            traffic.Flush();
        }
        var remote = new IPEndPoint(IPAddress.Any, 0);
        daemon.Client.ReceiveTimeout = 5000;
        var datagram = Encoding.UTF8.GetString(daemon.Receive(ref remote));

        Assert.StartsWith("{\"format\": \"json\", \"version\": 1}\n", datagram);
        var segment = JsonNode.Parse(datagram[datagram.IndexOf('\n')..])!;
        Assert.Equal(XRayIds.FromW3C(span.TraceId.ToHexString()), (string?)segment["trace_id"]);
        Assert.Equal(span.SpanId.ToHexString(), (string?)segment["id"]);
        Assert.Equal(1, exporter.Status.Sent);
    }

    [Theory]
    [InlineData("4efaaf4d1e8720b39541901950019ee5", "1-4efaaf4d-1e8720b39541901950019ee5")]
    [InlineData("5759e988bd862e3fe1be46a994272793", "1-5759e988-bd862e3fe1be46a994272793")]
    public void TraceIds_MapBothWaysWithoutLoss(string w3c, string xray)
    {
        Assert.Equal(xray, XRayIds.FromW3C(w3c));
        Assert.Equal(w3c, XRayIds.ToW3C(xray));
    }

    [Fact]
    public void NewTraceIds_StartWithTheEpochSeconds()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(0x66322ec0);
        var id = XRayIds.NewW3CTraceId(now);

        Assert.Matches(new Regex("^66322ec0[0-9a-f]{24}$"), id);
        Assert.Null(XRayIds.ToW3C("1-zz-123"));
    }
}
