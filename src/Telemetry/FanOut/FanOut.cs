namespace MeshFed.Telemetry;

/// <summary>
/// Hands one batch to every sink's <see cref="SinkWorker{T}"/> and waits, up to <see cref="ExportTimeout"/>, for
/// them to finish, in parallel: the caller (OpenTelemetry's reader or batch thread) is back in time for its next
/// batch however slow a sink is, and a flush means "sent" for every sink that is keeping up.
/// </summary>
internal sealed class FanOut<T> : IDisposable
{
    private readonly SinkWorker<T>[] _workers;

    public FanOut(IEnumerable<(string Name, IExportSink<T> Sink)> sinks, FanOutOptions options)
    {
        options = options.Validated();
        ExportTimeout = options.ExportTimeout;
        _workers = [.. sinks.Select(s => new SinkWorker<T>(s.Sink, s.Name, options.MaxQueuedBatches))];
    }

    /// <summary>How long an export waits for the sinks.</summary>
    public TimeSpan ExportTimeout { get; }

    /// <summary>The sinks, in the order they were added.</summary>
    public IReadOnlyList<IExportSink<T>> Sinks => [.. _workers.Select(w => w.Sink)];

    /// <summary>Posts <paramref name="items"/> to every sink and waits for them, up to the export timeout.</summary>
    public bool Export(IReadOnlyList<T> items)
    {
        // An empty batch is still handed on: a sink resends what it kept from a failed export on each export.
        var tickets = new long?[_workers.Length];
        for (var i = 0; i < _workers.Length; i++)
            tickets[i] = _workers[i].Post(items);
        var deadline = Environment.TickCount64 + (long)ExportTimeout.TotalMilliseconds;
        var all = true;
        for (var i = 0; i < _workers.Length; i++)
        {
            if (tickets[i] is { } ticket)
                all &= _workers[i].WaitFor(ticket, TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)));
            else
                all = false;
        }
        return all;
    }

    /// <summary>Waits for every sink to finish what it was given.</summary>
    public bool Flush(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var all = true;
        foreach (var worker in _workers)
            all &= worker.Drain(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)));
        return all;
    }

    /// <summary>Lets the sinks finish (up to <paramref name="timeout"/>) and stops their threads.</summary>
    public bool Shutdown(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var all = true;
        foreach (var worker in _workers)
            all &= worker.Stop(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)));
        return all;
    }

    public void Dispose()
    {
        foreach (var worker in _workers)
            worker.Dispose();
    }
}
