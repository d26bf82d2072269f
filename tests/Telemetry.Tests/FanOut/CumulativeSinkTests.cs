namespace MeshFed.Telemetry.Tests.FanOut;

/// <summary>Cloud Monitoring's running totals, added up from the shared delta reader's points.</summary>
public sealed class CumulativeSinkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static MetricSample Requests(string service, double value, int interval) => new()
    {
        Name = "requests", Kind = SampleKind.Sum, Monotonic = true, Delta = true, IsInteger = true, Value = value,
        Attributes = [new("service", service)], Start = T0.AddMinutes(interval), End = T0.AddMinutes(interval + 1),
    };

    private static MetricSample Latency(long[] counts, double sum, double min, double max, int interval) => new()
    {
        Name = "duration", Kind = SampleKind.Histogram, Delta = true, Attributes = [],
        Start = T0.AddMinutes(interval), End = T0.AddMinutes(interval + 1),
        Histogram = new HistogramSample([0.01, 0.1], counts, counts.Sum(), sum, min, max),
    };

    [Fact]
    public void Deltas_BecomeRunningTotals_StartingAtTheFirstPoint()
    {
        using var inner = new RecordingSink<MetricSample>("cumulative-test");
        var sink = new CumulativeSink(inner);

        sink.Export([Requests("orders", 3, 0), Latency([1, 0, 0], 0.005, 0.005, 0.005, 0)]);
        sink.Export([Requests("orders", 4, 1), Requests("cart", 1, 1), Latency([0, 2, 1], 0.4, 0.02, 0.3, 1)]);

        var second = inner.Batches[1].ToDictionary(s => s.SeriesKey);
        Assert.Equal(3, second.Count);
        var orders = second["requests|service=orders"];
        Assert.Equal((7.0, T0, T0.AddMinutes(2), false), (orders.Value, orders.Start, orders.End, orders.Delta));
        Assert.Equal((1.0, T0.AddMinutes(1)), (second["requests|service=cart"].Value, second["requests|service=cart"].Start));
        var latency = second["duration|"].Histogram!;
        Assert.Equal([1L, 2L, 1L], latency.Counts);
        Assert.Equal((4L, 0.405, 0.005, 0.3), (latency.Count, Math.Round(latency.Sum, 6), latency.Min, latency.Max));
    }

    [Fact]
    public void AnExportWithoutPoints_ResendsEverySeries_AndGaugesAreReplacedNotAdded()
    {
        using var inner = new RecordingSink<MetricSample>("cumulative-idle");
        var clock = new ManualClock();
        var sink = new CumulativeSink(inner, clock);
        var active = Requests("orders", 5, 0) with { Name = "active", Monotonic = false, Delta = false };

        sink.Export([Requests("orders", 2, 0), active]);
        sink.Export([active with { Value = 1, End = T0.AddMinutes(2) }]);
        sink.Export([]);

        Assert.Equal(3, inner.Batches.Count);
        var idle = inner.Batches[2].ToDictionary(s => s.Name);
        Assert.Equal(2.0, idle["requests"].Value);
        Assert.Equal(1.0, idle["active"].Value);
        Assert.All(inner.Batches[2], s => Assert.Equal(clock.GetUtcNow(), s.End));
    }
}
