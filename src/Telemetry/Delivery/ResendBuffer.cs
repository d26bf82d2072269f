namespace MeshFed.Telemetry;

/// <summary>
/// Items a sink did not take yet, kept for the next export so that nothing is lost while there is room; when
/// full, the oldest go first (the newest data matters most once the sink is back), each one counted as dropped.
/// </summary>
public sealed class ResendBuffer<T>(int capacity, ExportCounters counters)
{
    private readonly Queue<T> _items = new();
    private readonly Lock _lock = new();

    /// <summary>Items kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _items.Count;
        }
    }

    /// <summary>Keeps <paramref name="items"/>, dropping the oldest beyond capacity.</summary>
    public void Keep(IEnumerable<T> items)
    {
        var dropped = 0;
        lock (_lock)
        {
            foreach (var item in items)
            {
                _items.Enqueue(item);
                if (_items.Count > capacity)
                {
                    _items.Dequeue();
                    dropped++;
                }
            }
        }
        counters.AddDropped(dropped);
    }

    /// <summary>Takes everything kept, oldest first, and empties the buffer.</summary>
    public List<T> TakeAll()
    {
        lock (_lock)
        {
            var all = _items.ToList();
            _items.Clear();
            return all;
        }
    }
}
