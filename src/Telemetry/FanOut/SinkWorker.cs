using System.Collections.Concurrent;
using OpenTelemetry;

namespace MeshFed.Telemetry;

/// <summary>
/// One sink's thread and bounded queue of batches: the fan-out posts and moves on, the worker exports in order.
/// A sink that is slow (retries with backoff, a hanging endpoint) only fills its own queue; when that is full the
/// newest batch is dropped for this sink alone, counted on its <see cref="ExportCounters"/> and said through its
/// failure log, while the other sinks still get it. A dedicated thread, as OpenTelemetry's batch processor has,
/// because exporters block on their sends (they run off the request path by design).
/// </summary>
internal sealed class SinkWorker<T> : IDisposable
{
    private readonly IExportSink<T> _sink;
    private readonly BlockingCollection<IReadOnlyList<T>> _queue;
    private readonly Thread _thread;
    // An object, not a Lock: waiting for a batch to be done is Monitor.Wait/PulseAll on it.
    private readonly object _lock = new();
    private long _posted;
    private long _done;

    public SinkWorker(IExportSink<T> sink, string name, int maxQueuedBatches)
    {
        _sink = sink;
        _queue = new BlockingCollection<IReadOnlyList<T>>(maxQueuedBatches);
        _thread = new Thread(Run) { IsBackground = true, Name = $"meshfed-export-{name}" };
        _thread.Start();
    }

    public IExportSink<T> Sink => _sink;

    /// <summary>
    /// Queues <paramref name="items"/>; returns the ticket to wait for, or null when the queue was full (dropped and
    /// counted). <paramref name="wasIdle"/> tells whether the sink had finished everything before: one still busy
    /// with an earlier batch is behind, and waiting for it would hand its delay to the other sinks.
    /// </summary>
    public long? Post(IReadOnlyList<T> items, out bool wasIdle)
    {
        lock (_lock)
        {
            wasIdle = _done == _posted;
            if (_queue.IsAddingCompleted || !_queue.TryAdd(items))
            {
                _sink.Counters.AddDropped(items.Count);
                _sink.Counters.Failures.Behind(items.Count);
                return null;
            }
            return ++_posted;
        }
    }

    /// <summary>Waits until the batch of <paramref name="ticket"/> (and those before it) is exported, or the deadline.</summary>
    public bool WaitFor(long ticket, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_lock)
        {
            while (_done < ticket)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_lock, TimeSpan.FromMilliseconds(left)))
                    return _done >= ticket;
            }
            return true;
        }
    }

    /// <summary>Waits for everything posted so far.</summary>
    public bool Drain(TimeSpan timeout)
    {
        long posted;
        lock (_lock)
            posted = _posted;
        return WaitFor(posted, timeout);
    }

    private void Run()
    {
        foreach (var items in _queue.GetConsumingEnumerable())
        {
            try
            {
                _sink.Export(items);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The sink's own delivery keeps what it could not send; this is a bug in a sink, said and survived.
                _sink.Counters.Failures.Threw(e);
            }
            lock (_lock)
            {
                _done++;
                Monitor.PulseAll(_lock);
            }
        }
    }

    /// <summary>Stops taking batches, lets the thread finish what is queued (up to <paramref name="timeout"/>).</summary>
    public bool Stop(TimeSpan timeout)
    {
        lock (_lock)
            _queue.CompleteAdding();
        return _thread.Join(timeout);
    }

    public void Dispose()
    {
        Stop(TimeSpan.Zero);
        if (_sink is IDisposable disposable)
            disposable.Dispose();
        // The queue is left to the finalizer-free GC: the thread may still be finishing a batch after a timeout.
    }
}
