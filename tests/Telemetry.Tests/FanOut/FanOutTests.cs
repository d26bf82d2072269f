using System.Diagnostics;
using System.Diagnostics.Metrics;
using MeshFed.Telemetry.Tests.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Telemetry.Tests.FanOut;

/// <summary>
/// The fan-out (issue #13): one reader per temporality and one span processor feed every sink the same batch,
/// and a sink that hangs, falls behind or throws costs the others nothing; what it loses is counted and said.
/// </summary>
public sealed class FanOutTests
{
    private static List<int> Items(int count) => [.. Enumerable.Range(0, count)];

    [Fact]
    public void MetricSinks_OfOneTemporality_ShareOneReader_AndGetTheSameBatch()
    {
        var meterName = $"fanout-test-{Guid.NewGuid():N}";
        using var cloudwatch = new RecordingSink<MetricSample>("a");
        using var local = new RecordingSink<MetricSample>("b");
        using var monitoring = new RecordingSink<MetricSample>("c");
        var builder = Sdk.CreateMeterProviderBuilder().AddMeter(meterName)
            .AddMetricSink("a", MetricReaderTemporalityPreference.Delta, _ => cloudwatch)
            .AddMetricSink("b", MetricReaderTemporalityPreference.Delta, _ => local)
            .AddMetricSink("c", MetricReaderTemporalityPreference.Cumulative, _ => monitoring);
        using (var provider = builder.Build())
        {
            using var meter = new Meter(meterName);
            meter.CreateCounter<long>("requests").Add(3, new KeyValuePair<string, object?>("service", "orders"));
            Assert.True(provider.ForceFlush());
        }

        // The very same list: the batch was read once for both delta sinks (one reader, one aggregation).
        var delta = Assert.Single(cloudwatch.Batches, b => b.Count > 0);
        Assert.Same(delta, Assert.Single(local.Batches, b => b.Count > 0));
        Assert.True(Assert.Single(delta).Delta);
        Assert.Equal(3, delta[0].Value);
        // The cumulative sink has a reader of its own temporality (which exports the running total again at shutdown).
        var cumulative = monitoring.Batches.First(b => b.Count > 0);
        Assert.NotSame(delta, cumulative);
        Assert.False(Assert.Single(cumulative).Delta);
    }

    [Fact]
    public void SpanSinks_ShareOneProcessor_AndGetTheSameBatch()
    {
        var sourceName = $"fanout-test-{Guid.NewGuid():N}";
        using var xray = new RecordingSink<SpanSample>("x");
        using var trace = new RecordingSink<SpanSample>("t");
        using (var provider = Sdk.CreateTracerProviderBuilder().AddSource(sourceName).SetSampler(new AlwaysOnSampler())
            .AddSpanSink("x", _ => xray).AddSpanSink("t", _ => trace).Build())
        {
            using var source = new ActivitySource(sourceName);
            using (source.StartActivity("GET /orders"))
            {
            }
            Assert.True(provider.ForceFlush());
        }

        var batch = Assert.Single(xray.Batches);
        Assert.Same(batch, Assert.Single(trace.Batches));
        Assert.Equal("GET /orders", Assert.Single(batch).Name);
    }

    [Fact]
    public void AHangingSink_HoldsBackNeitherTheOthersNorTheCaller_AndItsDropsAreCountedAndSaid()
    {
        using var slow = new RecordingSink<int>("fanout-slow");
        using var fast = new RecordingSink<int>("fanout-fast");
        using var events = new ExportEvents("fanout-slow");
        var timeout = TimeSpan.FromSeconds(3);
        using var fanOut = new FanOut<int>([("slow", slow), ("fast", fast)], new FanOutOptions { ExportTimeout = timeout, MaxQueuedBatches = 1 });
        slow.Hang();

        var clock = Stopwatch.StartNew();
        fanOut.Export(Items(10));
        Assert.True(slow.Entered.Wait(TimeSpan.FromSeconds(10)), "the slow sink's thread never took the first batch");
        for (var i = 0; i < 4; i++)
            fanOut.Export(Items(10));
        var spent = clock.Elapsed;

        // The fast sink gets every batch; the caller waited for the slow one once (its first batch, up to the
        // timeout), not again while it was still busy: one timeout per stall, not one per batch.
        Assert.True(SpinWait.SpinUntil(() => fast.Batches.Count == 5, TimeSpan.FromSeconds(10)), $"{fast.Batches.Count} batches reached the fast sink");
        Assert.True(spent >= timeout - TimeSpan.FromMilliseconds(50) && spent < 2 * timeout, $"5 exports took {spent}");
        // The slow one is sending the first, holds one more, and lost the other three: counted and said, once.
        Assert.Equal(30, slow.Counters.Dropped);
        Assert.Equal(1, slow.Counters.Failures.Logged);
        Assert.Equal(2, slow.Counters.Failures.Suppressed);
        var behind = Assert.Single(events.Events);
        Assert.Equal("SinkBehind", behind.EventName);
        Assert.Equal(10, events.Payload(behind, "items"));
        Assert.Equal(0, fast.Counters.Dropped);

        slow.Release();
        Assert.True(fanOut.Flush(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, slow.Batches.Count);
    }

    [Fact]
    public void AThrowingSink_IsSaid_AndTheOthersStillDeliver()
    {
        using var broken = new RecordingSink<int>("fanout-broken") { Throws = true };
        using var fine = new RecordingSink<int>("fanout-fine");
        using var events = new ExportEvents("fanout-broken");
        using var fanOut = new FanOut<int>([("broken", broken), ("fine", fine)], new FanOutOptions());

        fanOut.Export(Items(3));
        fanOut.Export(Items(3));

        Assert.Equal(2, fine.Batches.Count);
        var threw = Assert.Single(events.Events);
        Assert.Equal("ExportThrew", threw.EventName);
        var text = (string)events.Payload(threw, "exception")!;
        Assert.Equal("InvalidOperationException: serializer bug??forged: line", text);
    }

    [Fact]
    public void AFullSpanQueue_IsCountedForEverySinkBehindIt()
    {
        Assert.True(CountingBatchSpanProcessor.CanCountDrops, "OpenTelemetry no longer exposes BatchExportProcessor.DroppedCount: update CountingBatchSpanProcessor");
        var sourceName = $"fanout-test-{Guid.NewGuid():N}";
        using var first = new RecordingSink<SpanSample>("q1");
        using var second = new RecordingSink<SpanSample>("q2");
        first.Hang(); // the processor's thread waits on the fan-out, so its queue fills
        using (var provider = Sdk.CreateTracerProviderBuilder().AddSource(sourceName).SetSampler(new AlwaysOnSampler())
            .ConfigureFanOut(o => (o.MaxSpanQueue, o.ExportTimeout) = (10, TimeSpan.FromSeconds(5)))
            .AddSpanSink("q1", _ => first).AddSpanSink("q2", _ => second).Build())
        {
            using var source = new ActivitySource(sourceName);
            for (var i = 0; i < 200; i++)
            {
                using (source.StartActivity("GET /orders"))
                {
                }
            }
            first.Release();
        }

        Assert.True(first.Counters.Dropped >= 150, $"{first.Counters.Dropped} dropped");
        Assert.Equal(first.Counters.Dropped, second.Counters.Dropped);
    }
}
