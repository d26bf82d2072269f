namespace MeshFed.Telemetry;

/// <summary>
/// Items turned into what a sink sends one at a time, before anything is sent, so that an item that cannot be
/// written (an encoder's bug, a value nobody foresaw) is dropped and counted alone. Thrown from inside a send, it
/// would fail the whole batch, which <see cref="BatchDelivery{T}"/> keeps and retries: that one item would hold back
/// every item behind it until the full buffer pushed it out. Failures that are the same for every item (a
/// credential, a token, the network) happen in the send, after this, and still keep the batch for the next export.
/// </summary>
public static class ItemEncoding
{
    /// <summary>
    /// Each item of <paramref name="items"/> with what <paramref name="encode"/> made of it, in order. An item it
    /// refuses (null: too large for the sink) is counted as dropped; one it throws on is counted as dropped and said
    /// through the sink's failure log.
    /// </summary>
    public static List<(T Item, TEncoded Encoded)> EncodeEach<T, TEncoded>(this ExportCounters counters, IEnumerable<T> items, Func<T, TEncoded?> encode)
        where TEncoded : class
    {
        var encoded = new List<(T, TEncoded)>();
        foreach (var item in items)
        {
            TEncoded? written;
            try
            {
                written = encode(item);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                counters.Failures.ItemUnwritable(e);
                written = null;
            }
            if (written is null)
                counters.AddDropped(1);
            else
                encoded.Add((item, written));
        }
        return encoded;
    }
}
