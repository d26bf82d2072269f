using MeshFed.Telemetry.Tests.Diagnostics;

namespace MeshFed.Telemetry.Tests.Delivery;

/// <summary>
/// An item a sink cannot write is dropped alone, counted and said; the others go on in order. Thrown from inside a
/// send instead, it failed the whole batch, which the delivery keeps: one such item held back every item behind it.
/// </summary>
public sealed class ItemEncodingTests
{
    [Fact]
    public void AnItemTheEncoderThrowsOn_IsDroppedCountedAndSaid_TheOthersKeptInOrder()
    {
        var counters = new ExportCounters("encode-throws");
        using var events = new ExportEvents("encode-throws");

        var encoded = counters.EncodeEach(["a", "bad", "c"], item => item == "bad" ? throw new FormatException("no shape for 'bad'") : item.ToUpperInvariant());

        Assert.Equal([("a", "A"), ("c", "C")], encoded);
        Assert.Equal(1, counters.Dropped);
        var dropped = Assert.Single(events.Events);
        Assert.Equal("ItemDropped", dropped.EventName);
        Assert.Equal("FormatException: no shape for 'bad'", events.Payload(dropped, "exception"));
    }

    [Fact]
    public void AnItemTheEncoderRefuses_IsDroppedAndCounted_WithoutAnEvent()
    {
        // Null is a sink's "too large even cut down" (X-Ray's 64 KB): a documented limit, counted like any drop.
        var counters = new ExportCounters("encode-refuses");
        using var events = new ExportEvents("encode-refuses");

        var encoded = counters.EncodeEach([1, 2, 3], item => item == 2 ? null : item.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([(1, "1"), (3, "3")], encoded);
        Assert.Equal(1, counters.Dropped);
        Assert.Empty(events.Events);
    }

    [Fact]
    public void ADelivery_WhoseSinkEncodesEachItem_IsNotHeldBackByOneItem()
    {
        // The whole path: a batch with one unwritable item is sent without it, nothing is kept, and the next batch is
        // not behind it (with the encoding inside the send, the batch threw and stayed pending: 0 sent, 3 pending).
        var counters = new ExportCounters("encode-delivery");
        var sent = new List<string>();
        var delivery = new BatchDelivery<string>(counters, maxPending: 10, items =>
        {
            var encoded = counters.EncodeEach(items, item => item.StartsWith('!') ? throw new InvalidOperationException(item) : item);
            sent.AddRange(encoded.Select(e => e.Encoded));
            counters.AddSent(encoded.Count);
            return Task.FromResult<IReadOnlyList<string>>([]);
        });

        delivery.Deliver(["a", "!b", "c"]);
        delivery.Deliver(["d"]);

        Assert.Equal(["a", "c", "d"], sent);
        Assert.Equal(new MeshFed.Model.ExportStatus(Sent: 3, Dropped: 1, Retries: 0, Pending: 0), delivery.Status);
    }
}
