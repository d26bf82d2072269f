namespace MeshFed.Telemetry;

/// <summary>
/// Hands one batch to every sink's <see cref="SinkWorker{T}"/> and waits, up to <see cref="ExportTimeout"/>, for
/// the sinks that were keeping up (idle when it was posted) to finish it, in parallel. Waiting is what makes
/// OpenTelemetry's <c>ForceFlush</c> mean "sent" (it collects and exports, but does not flush the exporter after);
/// not waiting for a sink still busy with an earlier batch is what keeps a stalled backend from handing its delay
/// to the others: a stall costs the caller (OpenTelemetry's reader or batch thread) one timeout, not one per batch.
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

    /// <summary>Posts <paramref name="items"/> to every sink and waits for those that were idle, up to the export timeout; false when one was not waited for or did not finish.</summary>
    public bool Export(IReadOnlyList<T> items)
    {
        // An empty batch is still handed on: a sink resends what it kept from a failed export on each export.
        var tickets = new long?[_workers.Length];
        for (var i = 0; i < _workers.Length; i++)
            tickets[i] = _workers[i].Post(items, out var wasIdle) is { } ticket && wasIdle ? ticket : null;
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
