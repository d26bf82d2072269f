using OpenTelemetry;

namespace MeshFed.Telemetry;

/// <summary>
/// What every exporter does with a batch: put the fresh items behind those an earlier export could not deliver,
/// hand all of them to the sink, and keep whatever it could not send in the bounded <see cref="Pending"/> buffer
/// for the next export (the oldest dropped and counted when full). Runs on OpenTelemetry's export thread (the
/// batch processor's or the periodic reader's), never on a request's, so blocking on the send is by design.
/// </summary>
/// <param name="counters">The sink's counters.</param>
/// <param name="maxPending">How many unsent items to keep.</param>
/// <param name="send">Sends items; returns those to try again later (refused ones are counted as dropped by the sink, not returned).</param>
public sealed class BatchDelivery<T>(ExportCounters counters, int maxPending, Func<IReadOnlyList<T>, Task<IReadOnlyList<T>>> send)
{
    /// <summary>The sink's counters.</summary>
    public ExportCounters Counters { get; } = counters;

    /// <summary>Items kept for the next export.</summary>
    public ResendBuffer<T> Pending { get; } = new(maxPending, counters);

    /// <summary>Sent, dropped, retried and pending, for the CLI and tests.</summary>
    public MeshFed.Model.ExportStatus Status => new(Counters.Sent, Counters.Dropped, Counters.Retries, Pending.Count);

    /// <summary>A sink may merge what it is about to send (e.g. keep one point per series); identity by default.</summary>
    public Func<List<T>, List<T>> Prepare { get; init; } = items => items;

    /// <summary>Sends what is pending and <paramref name="fresh"/>; keeps what could not be sent.</summary>
    public ExportResult Deliver(IEnumerable<T> fresh)
    {
        var items = Pending.TakeAll();
        items.AddRange(fresh);
        if (items.Count == 0)
            return ExportResult.Success;
        IReadOnlyList<T> unsent;
        try
        {
            unsent = send(Prepare(items)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in a serializer must not take the gateway down: keep the items and say why.
            Counters.Failures.Threw(e);
            unsent = items;
        }
        Pending.Keep(unsent);
        return unsent.Count == 0 ? ExportResult.Success : ExportResult.Failure;
    }
}
