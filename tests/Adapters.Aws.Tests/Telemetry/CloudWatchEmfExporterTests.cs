using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Model;
using MeshFed.Telemetry;
using MeshFed.Tests.Shared;
using MeshFed.Tests.Shared.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Adapters.Aws.Tests.Telemetry;

/// <summary>
/// The EMF exporter against a loopback CloudWatch agent (TCP listener, UDP socket): its events equal what awslabs'
/// aws-embedded-metrics writes for the same data, every event follows the EMF specification at 10× each limit, an
/// agent that is down or restarts costs retries and bounded memory, never data while the buffer has room, and a
/// histogram sampled down to the cap keeps its percentiles.
/// </summary>
public sealed class CloudWatchEmfExporterTests : IDisposable
{
    private static readonly ExportDelivery s_fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromSeconds(5) };
    private readonly LoopbackAgent _agent = new();

    public void Dispose() => _agent.Dispose();

    private CloudWatchEmfExporter Exporter(Func<CloudWatchEmfExporterOptions, CloudWatchEmfExporterOptions>? change = null) =>
        new((change ?? (o => o))(new CloudWatchEmfExporterOptions { Agent = _agent.Endpoint, Delivery = s_fast }));

    /// <summary>Checks one event against the EMF specification and returns it parsed.</summary>
    private static JsonObject FollowsSpec(string line, int maxBytes = 1_000_000)
    {
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.InRange(Encoding.UTF8.GetByteCount(line) + 1, 2, maxBytes);
        var root = JsonNode.Parse(line)!.AsObject();
        var aws = root["_aws"]!.AsObject();
        Assert.InRange(aws["Timestamp"]!.GetValue<long>(), DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.False(string.IsNullOrEmpty((string?)aws["LogGroupName"]));
        var directives = aws["CloudWatchMetrics"]!.AsArray();
        Assert.NotEmpty(directives);
        foreach (var directive in directives)
        {
            Assert.False(string.IsNullOrEmpty((string?)directive!["Namespace"]));
            foreach (var set in directive["Dimensions"]!.AsArray())
            {
                Assert.InRange(set!.AsArray().Count, 0, 30);
                foreach (var key in set.AsArray())
                {
                    Assert.Equal(JsonValueKind.String, root[(string)key!]!.GetValueKind());
                    Assert.InRange(((string)root[(string)key!]!).Length, 1, 1024);
                }
            }
            var metrics = directive["Metrics"]!.AsArray();
            Assert.InRange(metrics.Count, 1, 100);
            foreach (var metric in metrics)
            {
                Assert.False(string.IsNullOrEmpty((string?)metric!["Unit"]));
                Assert.True(metric["StorageResolution"] is null || (int)metric["StorageResolution"]! is 1 or 60);
                var value = root[(string)metric["Name"]!];
                if (value is JsonArray values)
                    Assert.All(values, v => Assert.Equal(JsonValueKind.Number, v!.GetValueKind()));
                else
                    Assert.Equal(JsonValueKind.Number, value!.GetValueKind());
                Assert.InRange(value is JsonArray array ? array.Count : 1, 1, 100);
            }
        }
        return root;
    }

    private static IEnumerable<double> Values(JsonObject root, string name) =>
        root[name] switch
        {
            null => [],
            JsonArray array => array.Select(v => (double)v!),
            var single => [(double)single],
        };

    private static IEnumerable<string> MetricNames(JsonObject root) =>
        root["_aws"]!["CloudWatchMetrics"]!.AsArray().SelectMany(d => d!["Metrics"]!.AsArray().Select(m => (string)m!["Name"]!));

    /// <summary>An event without its timestamp, dimension sets and metric definitions in name order: the same event, whatever the writer's order.</summary>
    private static string Canonical(string line)
    {
        var root = JsonNode.Parse(line)!.AsObject();
        var aws = root["_aws"]!.AsObject();
        aws.Remove("Timestamp");
        foreach (var directive in aws["CloudWatchMetrics"]!.AsArray())
        {
            directive!["Dimensions"] = new JsonArray([.. directive["Dimensions"]!.AsArray().Select(s => (JsonNode)new JsonArray([.. s!.AsArray().Select(k => (string)k!).Order(StringComparer.Ordinal).Select(k => (JsonNode)k)]))]);
            directive["Metrics"] = new JsonArray([.. directive["Metrics"]!.AsArray().OrderBy(m => (string)m!["Name"]!, StringComparer.Ordinal).Select(m => m!.DeepClone())]);
        }
        return JsonCanon.Of(root);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(1)]
    public void Events_AreWhatTheOfficialLibraryWrites(int resolution)
    {
        using var exporter = Exporter(o => o with { StorageResolution = resolution, Namespace = "MeshFed/Conformance", LogGroupName = "meshfed-conformance" });
        // Kept open to the end: disposing would export ActiveRequests (a running total) once more.
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.007, count: 4); // (0.005, 0.010]
        traffic.Request("orders", "aws-use1", "v1", 0.3);             // (0.25, 0.5]
        traffic.Request("orders", "gcp-euw1", "v2", 0.04, status: 503, count: 250); // 250 values: events of 100, 100 and 50
        traffic.InFlight("orders", "aws-use1", "v1", 3);
        traffic.Flush();
        var ours = _agent.WaitForLines(7);

        // The same data, logged with the official library: one logger per dimension set, one putMetric per value.
        static JsonObject Dimensions(string site, string version, string? responseClass, bool reporter = true)
        {
            var dimensions = new JsonObject { ["Service"] = "orders", ["Site"] = site, ["Version"] = version, ["Direction"] = "outbound" };
            if (reporter)
                dimensions["Reporter"] = "aws-use1";
            if (responseClass is not null)
                dimensions["ResponseClass"] = responseClass;
            return dimensions;
        }
        JsonObject Entry(JsonObject dimensions, string name, string unit, IEnumerable<double> values) => new()
        {
            ["dimensions"] = dimensions,
            ["metrics"] = new JsonArray(new JsonObject { ["name"] = name, ["unit"] = unit, ["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]), ["storageResolution"] = resolution }),
        };
        var entries = new JsonArray(
            Entry(Dimensions("aws-use1", "v1", "2xx"), "Requests", "Count", [5]),
            Entry(Dimensions("aws-use1", "v1", null), "RequestDuration", "Seconds", [0.01, 0.01, 0.01, 0.01, 0.5]),
            Entry(Dimensions("gcp-euw1", "v2", "5xx"), "Requests", "Count", [250]),
            Entry(Dimensions("gcp-euw1", "v2", null), "RequestDuration", "Seconds", Enumerable.Repeat(0.05, 250)),
            Entry(Dimensions("aws-use1", "v1", null, reporter: false), "ActiveRequests", "Count", [3]));
        using var official = new LoopbackAgent();
        var (exit, _, stderr) = NodeTool.Run("telemetry", "aws-embedded-metrics", "emf.mjs", [], entries.ToJsonString(), new Dictionary<string, string>
        {
            ["AWS_EMF_ENVIRONMENT"] = "Agent",
            ["AWS_EMF_AGENT_ENDPOINT"] = official.Endpoint.ToString().TrimEnd('/'),
            ["AWS_EMF_LOG_GROUP_NAME"] = "meshfed-conformance",
            ["AWS_EMF_NAMESPACE"] = "MeshFed/Conformance",
        });
        Assert.True(exit == 0, stderr);
        var theirs = official.WaitForLines(7);

        Assert.Equal(7, theirs.Count);
        Assert.Equal(theirs.Select(Canonical).Order(StringComparer.Ordinal), ours.Select(Canonical).Order(StringComparer.Ordinal));
        Assert.All(ours, line => FollowsSpec(line));
        Assert.Equal(7, exporter.Status.Sent);
    }

    [Fact]
    public void GoldenSignals_MapToCloudWatchNamesUnitsAndBucketValues()
    {
        using var exporter = Exporter();
        using (var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta))
        {
            traffic.Request("orders", "aws-use1", "v1", 0.007, count: 4);
            traffic.Request("orders", "aws-use1", "v1", 0.3);
            traffic.Flush();
        }
        var events = _agent.WaitForLines(2).Select(line => FollowsSpec(line)).ToList();

        var requests = Assert.Single(events, e => MetricNames(e).Contains("Requests"));
        Assert.Equal([5.0], Values(requests, "Requests"));
        Assert.Equal("2xx", (string?)requests["ResponseClass"]);
        Assert.Equal("meshfed-gateway", (string?)requests["_aws"]!["LogGroupName"]);
        var directive = requests["_aws"]!["CloudWatchMetrics"]![0]!;
        Assert.Equal("MeshFed", (string?)directive["Namespace"]);
        Assert.Equal(["Direction", "Reporter", "ResponseClass", "Service", "Site", "Version"], directive["Dimensions"]![0]!.AsArray().Select(k => (string)k!));
        Assert.Equal("Count", (string?)directive["Metrics"]![0]!["Unit"]);
        Assert.Null(directive["Metrics"]![0]!["StorageResolution"]); // 60, EMF's default, is not written (as the official libraries do)
        var latency = Assert.Single(events, e => MetricNames(e).Contains("RequestDuration"));
        Assert.Equal([0.01, 0.01, 0.01, 0.01, 0.5], Values(latency, "RequestDuration"));
        Assert.Equal("Seconds", (string?)latency["_aws"]!["CloudWatchMetrics"]![0]!["Metrics"]![0]!["Unit"]);
    }

    [Fact]
    public void TenTimesEveryLimit_EveryEventFollowsTheSpec()
    {
        using var exporter = Exporter();
        var buckets = Enumerable.Range(1, 1500).Select(i => i / 1000.0).ToArray();
        using var meter = new Meter("meshfed.test." + Guid.NewGuid().ToString("N"));
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name).SetMaxMetricStreams(2000)
            .AddView(instrument => instrument.Name == GoldenSignals.Duration
                ? new ExplicitBucketHistogramConfiguration { Boundaries = buckets, CardinalityLimit = 10_000 }
                : new MetricStreamConfiguration { CardinalityLimit = 10_000 })
            .AddReader(new PeriodicExportingMetricReader(exporter, int.MaxValue) { TemporalityPreference = MetricReaderTemporalityPreference.Delta })
            .Build()!)
        {
            // 1000 metrics with one dimension set: 10× the 100 definitions per directive.
            var shared = new TagList { { GoldenSignals.ServiceAttribute, "wide" } };
            for (var m = 0; m < 1000; m++)
                meter.CreateCounter<long>($"custom.m{m:D4}").Add(1, shared);
            // 10,000 observations over 1500 buckets: 10× the cap of 1000 values, 10× the 100 values per array.
            var duration = meter.CreateHistogram<double>(GoldenSignals.Duration, "s");
            for (var i = 0; i < 10_000; i++)
                duration.Record((i % 1500 + 0.5) / 1000.0, new TagList { { GoldenSignals.ServiceAttribute, "big" } });
            // 2,000 series with 300 attributes each (10× the 30 dimensions), and values 10× the 1024 characters.
            var requests = meter.CreateCounter<long>(GoldenSignals.Requests);
            for (var s = 0; s < 2000; s++)
            {
                var tags = new TagList { { GoldenSignals.ServiceAttribute, "s" + s } };
                for (var k = 0; k < 300; k++)
                    tags.Add($"k{k:D3}", s == 0 ? new string('x', 10_240) : "xx");
                requests.Add(1, tags);
            }
            provider.ForceFlush();
        }
        var events = _agent.WaitForLines((int)exporter.Status.Sent).Select(line => FollowsSpec(line)).ToList();

        Assert.Equal(exporter.Status.Sent, events.Count);
        Assert.Equal(0, exporter.Status.Dropped);
        Assert.Equal(1000, events.SelectMany(MetricNames).Count(n => n.StartsWith("custom.m", StringComparison.Ordinal)));
        Assert.True(events.Count(e => MetricNames(e).Any(n => n.StartsWith("custom.m", StringComparison.Ordinal))) >= 10);
        Assert.Equal(1000, events.Sum(e => Values(e, "RequestDuration").Count()));
        Assert.Equal(2000, events.Sum(e => Values(e, "Requests").Sum()));
    }

    [Fact]
    public void AHistogramWithHugeCounts_BecomesExactlyTheCap_BucketSharesWithinOneValue()
    {
        long[] counts = [0, 400_000_000_000, 3_000_000_000_000, 1_200_000_000_000, 0, 7_000_000_000, 900_000_000, 1, 0, 0, 0, 55_000_000_000];
        var sample = HistogramSample(counts, max: 42.0);
        var options = new CloudWatchEmfExporterOptions();

        var batch = CloudWatchEmfEvents.From([sample], options, new ExportCounters("emf-events"));

        var events = batch.Lines.Select(l => FollowsSpec(Encoding.UTF8.GetString(l))).ToList();
        var values = events.SelectMany(e => Values(e, "RequestDuration")).ToList();
        Assert.Equal(1000, values.Count);
        Assert.Equal(10, events.Count);
        var total = (double)counts.Sum();
        var bounds = sample.Histogram!.Bounds.Append(42.0).ToArray();
        for (var i = 0; i < counts.Length; i++)
            Assert.InRange(values.Count(v => v == bounds[i]), counts[i] / total * 1000 - 1, counts[i] / total * 1000 + 1);
        Assert.Equal(values.Order(), values); // bucket order, ascending
    }

    [Fact]
    public void StratifiedSample_PreservesPercentilesWithinOneBucket()
    {
        var random = new Random(6);
        var bounds = TelemetrySettings.DefaultLatencyBuckets.Select(b => b.TotalSeconds).ToArray();
        for (var round = 0; round < 200; round++)
        {
            // Latency-like traffic: log-normal around a random median, up to a billion requests in the interval.
            var median = Math.Exp(random.NextDouble() * 6 - 6);
            var spread = 0.2 + random.NextDouble() * 1.5;
            var counts = new long[bounds.Length + 1];
            var scale = (long)Math.Pow(10, random.Next(4, 10));
            for (var i = 0; i < 2000; i++)
            {
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                var latency = median * Math.Exp(spread * normal);
                var bucket = Array.FindIndex(bounds, b => latency <= b);
                counts[bucket < 0 ? bounds.Length : bucket] += scale / 1000 + random.Next(0, 3);
            }
            var histogram = new HistogramSample(bounds, counts, counts.Sum(), 0, null, 30.0);

            var values = EmfHistogramValues.Of(histogram, 1000);

            Assert.Equal(1000, values.Count);
            var representatives = bounds.Append(30.0).ToArray();
            foreach (var q in new[] { 0.5, 0.9, 0.95, 0.99, 0.999 })
            {
                var rank = q * counts.Sum();
                var cumulative = 0L;
                var truth = Enumerable.Range(0, counts.Length).First(i => (cumulative += counts[i]) >= rank);
                var sampled = Array.IndexOf(representatives, values[Math.Clamp((int)Math.Ceiling(q * values.Count) - 1, 0, values.Count - 1)]);
                Assert.True(Math.Abs(sampled - truth) <= 1, $"round {round} p{q * 100}: bucket {sampled} in the sample, {truth} in the traffic");
            }
        }
    }

    [Fact]
    public void AValueEmfCannotCarry_IsCountedAsDropped_NotLostSilently()
    {
        // An EMF value is a JSON number, so a gauge's NaN or infinity cannot go; it was left out without a count.
        using var exporter = Exporter();
        var ok = new MetricSample
        {
            Name = "meshfed.queue.ratio", Kind = SampleKind.Gauge, Attributes = [new("meshfed.service", "orders")],
            Start = DateTimeOffset.UtcNow.AddSeconds(-10), End = DateTimeOffset.UtcNow, Value = 0.5,
        };

        exporter.Export([ok with { Value = double.NaN }, ok with { Value = double.NegativeInfinity, Attributes = [new("meshfed.service", "cart")] }, ok]);

        var line = Assert.Single(_agent.WaitForLines(1));
        Assert.Equal(0.5, (double)FollowsSpec(line)["meshfed.queue.ratio"]!);
        Assert.Equal(new ExportStatus(Sent: 1, Dropped: 2, Retries: 0, Pending: 0), exporter.Status);
    }

    [Fact]
    public void Apportion_GivesEveryBucketItsShareWithinOneSeat()
    {
        var random = new Random(25888);
        for (var round = 0; round < 500; round++)
        {
            var counts = Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.NextInt64(0, long.MaxValue / 64)).ToArray();
            var total = counts.Aggregate(Int128.Zero, (s, c) => s + c);
            if (total == 0)
                continue;
            var cap = random.Next(1, 5000);

            var seats = EmfHistogramValues.Apportion(counts, total, cap);

            Assert.Equal(cap, seats.Sum());
            for (var i = 0; i < counts.Length; i++)
                Assert.True(Math.Abs(seats[i] - (double)counts[i] / (double)total * cap) < 1 + 1e-9, $"bucket {i}: {seats[i]} seats for {counts[i]}/{total}");
        }
    }

    [Fact]
    public async Task Udp_OneDatagramPerEvent_UnderTheDatagramLimit_OversizedCounted()
    {
        using var agent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        agent.Client.ReceiveBufferSize = 4 << 20;
        var received = new ConcurrentQueue<byte[]>();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    received.Enqueue((await agent.ReceiveAsync(stop.Token)).Buffer);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        using var exporter = new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions
        {
            Agent = new Uri($"udp://127.0.0.1:{((IPEndPoint)agent.Client.LocalEndPoint!).Port}"),
            MaxDatagramBytes = 8192,
        });
        var buckets = Enumerable.Range(1, 1500).Select(i => i / 1000.0).ToArray();
        using (var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta, buckets))
        {
            for (var i = 0; i < 1500; i++)
                traffic.Raw(GoldenSignals.Duration, (i + 0.5) / 1000.0, new KeyValuePair<string, object?>(GoldenSignals.ServiceAttribute, new string('s', 1000)));
            for (var s = 0; s < 20; s++)
                traffic.Request("orders", "aws-use1", $"v{s}", 0.01);
            // 40 attributes of 1000 characters: 30 dimensions are 30 KB, more than one datagram can carry.
            traffic.Raw(GoldenSignals.Requests, 1, [.. Enumerable.Range(0, 40).Select(k => KeyValuePair.Create<string, object?>($"k{k:D2}", new string('v', 1000)))]);
            traffic.Flush();
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < exporter.Status.Sent && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        await stop.CancelAsync();
        await receiving;

        Assert.Equal(exporter.Status.Sent, received.Count);
        Assert.Equal(1, exporter.Status.Dropped);
        Assert.Equal(0, exporter.Status.Pending);
        var events = received.Select(datagram =>
        {
            Assert.InRange(datagram.Length, 2, 8192);
            Assert.Equal((byte)'\n', datagram[^1]);
            return FollowsSpec(Encoding.UTF8.GetString(datagram, 0, datagram.Length - 1), 8192);
        }).ToList();
        Assert.Equal(1000 + 20, events.Sum(e => Values(e, "RequestDuration").Count()));
        Assert.Equal(20, events.Sum(e => Values(e, "Requests").Sum()));
    }

    [Fact]
    public void AnAgentThatIsDown_KeepsABoundedBuffer_CountsDrops_AndDeliversOnRecovery()
    {
        using var exporter = Exporter(o => o with { Delivery = s_fast with { MaxAttempts = 2, MaxPendingItems = 50 } });
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "before", 0.01);
        traffic.Flush();
        Assert.Equal(2, _agent.WaitForLines(2).Count);

        _agent.Stop();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 10; i++)
                traffic.Request("orders", "aws-use1", $"r{round}-v{i}", 0.01);
            traffic.Flush(); // 20 events per round: 10 Requests, 10 RequestDuration
        }
        Assert.Equal(50, exporter.Status.Pending);  // bounded
        Assert.Equal(10, exporter.Status.Dropped);  // 60 produced − 50 kept, counted
        Assert.True(exporter.Status.Retries >= 3);

        _agent.Start();
        traffic.Flush();

        var lines = _agent.WaitForLines(52);
        Assert.Equal(0, exporter.Status.Pending);
        Assert.Equal(52, exporter.Status.Sent);
        Assert.Equal(52, lines.Count);
        var versions = lines.Select(line => (string)FollowsSpec(line)["Version"]!).ToList();
        Assert.Equal(2, versions.Count(v => v == "before"));
        Assert.All(Enumerable.Range(0, 10), i => Assert.Contains($"r2-v{i}", versions)); // the newest are kept
    }

    [Fact]
    public void AnAgentRestart_IsNoticedBeforeTheNextWrite_AndNothingIsLost()
    {
        using var exporter = Exporter();
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.01);
        traffic.Flush();
        _agent.WaitForLines(2);

        _agent.Stop();
        _agent.Start();
        traffic.Request("orders", "aws-use1", "v2", 0.01);
        traffic.Flush();

        var lines = _agent.WaitForLines(4);
        Assert.Equal(4, lines.Count);
        Assert.Equal(4, exporter.Status.Sent);
        Assert.Equal(0, exporter.Status.Retries); // the closed connection was seen before writing into it
        Assert.Equal(2, exporter.Connects);
        Assert.Equal(2, _agent.Accepted);
    }

    [Fact]
    public void AnAgentThatNeverStarted_CostsBoundedTime_AndKeepsTheEvents()
    {
        var port = _agent.Port;
        _agent.Stop();
        using var exporter = new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { Agent = new Uri($"tcp://127.0.0.1:{port}"), Delivery = s_fast with { MaxAttempts = 3 } });
        using var traffic = new GoldenTraffic(exporter, MetricReaderTemporalityPreference.Delta);
        traffic.Request("orders", "aws-use1", "v1", 0.01);
        var clock = Stopwatch.StartNew();

        traffic.Flush();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
        Assert.Equal(2, exporter.Status.Pending);
        Assert.Equal(2, exporter.Status.Retries);
        Assert.Equal(0, exporter.Status.Dropped);
    }

    [Fact]
    public void AnEventOverTheSizeLimit_IsSplit_UntilEveryPieceFits()
    {
        // Three dimensions of 1024 characters and 100 values of 17 characters: 4.9 KB, over a limit of 4 KB.
        var sample = HistogramSample([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000], max: 12.345678901234567, attributes: [.. Enumerable.Range(0, 3).Select(k => KeyValuePair.Create($"k{k}", new string('v', 1024)))]);
        var options = new CloudWatchEmfExporterOptions { MaxEventBytes = 4096 };

        var batch = CloudWatchEmfEvents.From([sample], options, new ExportCounters("emf-events"));

        Assert.Equal(0, batch.Oversized);
        Assert.True(batch.Lines.Count > 10);
        var events = batch.Lines.Select(l => FollowsSpec(Encoding.UTF8.GetString(l), 4096)).ToList();
        Assert.Equal(1000, events.Sum(e => Values(e, "RequestDuration").Count()));
    }

    [Fact]
    public void Dimensions_AreAsciiNotBlank_AndNeverShadowTheDirectiveOrAMetric()
    {
        var sample = new MetricSample
        {
            Name = GoldenSignals.Requests,
            Kind = SampleKind.Sum,
            Value = 1,
            Start = DateTimeOffset.UtcNow.AddMinutes(-1),
            End = DateTimeOffset.UtcNow,
            Attributes = [new("Requests", "x"), new("_aws", "x"), new(":colon", "a"), new("blank", "  "), new("meshfed.service", "zürich")],
        };

        var root = FollowsSpec(Encoding.UTF8.GetString(Assert.Single(CloudWatchEmfEvents.From([sample], new CloudWatchEmfExporterOptions(), new ExportCounters("emf-events")).Lines)));

        Assert.Equal(["_colon", "Service"], root["_aws"]!["CloudWatchMetrics"]![0]!["Dimensions"]![0]!.AsArray().Select(k => (string)k!));
        Assert.Equal("z_rich", (string?)root["Service"]);
        Assert.Equal(1.0, (double)root["Requests"]!);
    }

    [Theory]
    [InlineData("http://127.0.0.1:25888")]
    [InlineData("tcp:///nohost")]
    public void AnAgentAddressThatIsNotTcpOrUdp_IsRefusedWhenBuilt(string agent) =>
        Assert.Throws<ArgumentException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { Agent = new Uri(agent) }));

    [Theory]
    [InlineData("tcp://127.0.0.1", "tcp://127.0.0.1:25888", false)]
    [InlineData("udp://[::1]:2000", "udp://[::1]:2000", true)]
    [InlineData("tcp://cwagent.amazon-cloudwatch:25888", "tcp://cwagent.amazon-cloudwatch:25888", false)]
    public void AgentAddresses_DefaultToPort25888(string agent, string address, bool udp)
    {
        var options = new CloudWatchEmfExporterOptions { Agent = new Uri(agent) };
        Assert.Equal(address, options.Address);
        Assert.Equal(udp, options.Udp);
    }

    [Fact]
    public void Options_OutOfBounds_AreRefusedWhenBuilt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { MaxMetricsPerEvent = 101 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { MaxValuesPerMetric = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { MaxDatagramBytes = 70_000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { StorageResolution = 5 }));
        Assert.Throws<ArgumentException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { LogGroupName = "" }));
        Assert.Throws<ArgumentException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { Namespace = "AWS/EC2" }));
    }

    [Fact]
    public void Options_WithATrailingNewline_AreRefused()
    {
        // .NET's $ matches before a final "\n": the patterns end in \z so that neither name takes one.
        Assert.Null(CloudWatchEmfExporterOptions.LogGroupError("meshfed"));
        Assert.NotNull(CloudWatchEmfExporterOptions.LogGroupError("meshfed\n"));
        Assert.Throws<ArgumentException>(() => new CloudWatchEmfExporter(new CloudWatchEmfExporterOptions { Namespace = "MeshFed\n" }));
    }

    private static MetricSample HistogramSample(long[] counts, double max, IReadOnlyList<KeyValuePair<string, string>>? attributes = null)
    {
        var bounds = TelemetrySettings.DefaultLatencyBuckets.Select(b => b.TotalSeconds).ToArray();
        Assert.Equal(bounds.Length + 1, counts.Length);
        return new MetricSample
        {
            Name = GoldenSignals.Duration,
            Kind = SampleKind.Histogram,
            Attributes = attributes ?? [new(GoldenSignals.ServiceAttribute, "orders")],
            Start = DateTimeOffset.UtcNow.AddMinutes(-1),
            End = DateTimeOffset.UtcNow,
            Histogram = new HistogramSample(bounds, counts, counts.Sum(), 0, 0.001, max),
        };
    }
}
