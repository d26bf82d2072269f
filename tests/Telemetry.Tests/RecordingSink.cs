using OpenTelemetry;

namespace MeshFed.Telemetry.Tests;

/// <summary>A sink that keeps every list it is handed (by reference), and can be made to hang or throw.</summary>
internal sealed class RecordingSink<T>(string name) : IExportSink<T>, IDisposable
{
    private readonly List<IReadOnlyList<T>> _batches = [];
    private readonly ManualResetEventSlim _open = new(initialState: true);

    public ExportCounters Counters { get; } = new(name);

    public bool Throws { get; set; }

    /// <summary>Set once an export has begun (the sink's thread has taken a batch).</summary>
    public ManualResetEventSlim Entered { get; } = new();

    public IReadOnlyList<IReadOnlyList<T>> Batches
    {
        get
        {
            lock (_batches)
                return [.. _batches];
        }
    }

    /// <summary>Makes the next exports wait until <see cref="Release"/>.</summary>
    public void Hang() => _open.Reset();

    public void Release() => _open.Set();

    public ExportResult Export(IReadOnlyList<T> items)
    {
        Entered.Set();
        _open.Wait(TimeSpan.FromSeconds(30));
        if (Throws)
            throw new InvalidOperationException("serializer bug\r\nforged: line");
        lock (_batches)
            _batches.Add(items);
        Counters.AddSent(items.Count);
        return ExportResult.Success;
    }

    public void Dispose()
    {
        _open.Set();
        _open.Dispose();
        Entered.Dispose();
    }
}

/// <summary>A clock that moves only when told (the failure log's rate limit).</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero).AddTicks(Interlocked.Read(ref _ticks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
