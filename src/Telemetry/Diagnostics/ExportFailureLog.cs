using System.Net;

namespace MeshFed.Telemetry;

/// <summary>
/// One sink's failures, said through <see cref="ExportEventSource"/> with the HTTP status and the start of the
/// answer (a quota or IAM error names itself there), at most one event per <see cref="Interval"/> (and one more for
/// items dropped alone, on a limit of their own): a sink that is down fails on every export of every batch, and its
/// log must not drown the gateway's. The events in between are counted and the count rides on the next event. The
/// answer is attacker-reachable text (a sink, a proxy or a redirect in front of it chooses it): it goes through
/// <see cref="LogText.Printable"/> and is cut at <see cref="ExcerptLength"/>. Requests are never logged, so neither
/// are their signatures and tokens.
/// </summary>
/// <param name="sink">The sink's name.</param>
/// <param name="time">The clock of the rate limit.</param>
public sealed class ExportFailureLog(string sink, TimeProvider time)
{
    /// <summary>The shortest time between two events of one sink.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>How much of an answer's body an event carries: enough for an AWS AccessDenied naming role and action.</summary>
    public const int ExcerptLength = LogText.MaxPresentedLength;

    private readonly Lock _lock = new();
    // Two rate limits: what the sink as a whole does (sends, throws, falling behind), and items dropped alone. A sink
    // that meets an unwritable item in every export must not have that hide why its sends fail.
    private readonly Window _sink = new();
    private readonly Window _items = new();
    private long _logged;
    private long _suppressed;

    /// <summary>Events written so far (tests).</summary>
    public long Logged
    {
        get
        {
            lock (_lock)
                return _logged;
        }
    }

    /// <summary>Failures not written because of the rate limit, in total (tests).</summary>
    public long Suppressed
    {
        get
        {
            lock (_lock)
                return _suppressed;
        }
    }

    /// <summary>A request the sink refused or could not take (<paramref name="rejected"/>: dropped for good).</summary>
    public void SendFailed(bool rejected, int httpStatus, string body)
    {
        if (Admit(_sink) is { } suppressed)
            ExportEventSource.Log.SendFailed(sink, rejected ? "rejected" : "retryable", httpStatus, Excerpt(httpStatus, body), suppressed);
    }

    /// <summary>The exporter threw.</summary>
    public void Threw(Exception exception)
    {
        if (Admit(_sink) is { } suppressed)
            ExportEventSource.Log.ExportThrew(sink, Excerpt(-1, $"{exception.GetType().Name}: {exception.Message}"), suppressed);
    }

    /// <summary>An item could not be written for the sink and was dropped alone (<see cref="ItemEncoding"/>).</summary>
    public void ItemUnwritable(Exception exception)
    {
        if (Admit(_items) is { } suppressed)
            ExportEventSource.Log.ItemDropped(sink, Excerpt(-1, $"{exception.GetType().Name}: {exception.Message}"), suppressed);
    }

    /// <summary>The sink fell behind and a batch was dropped for it.</summary>
    public void Behind(int items)
    {
        if (Admit(_sink) is { } suppressed)
            ExportEventSource.Log.SinkBehind(sink, items, suppressed);
    }

    /// <summary>The printable start of <paramref name="body"/>; the status's name when there is no body.</summary>
    public static string Excerpt(int httpStatus, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return httpStatus > 0 ? ((HttpStatusCode)httpStatus).ToString() : "no answer";
        var printable = LogText.Printable(body);
        return body.Length > ExcerptLength ? printable + "…" : printable;
    }

    /// <summary>Null when this failure is only counted; else how many were counted in <paramref name="window"/> since its last event.</summary>
    private long? Admit(Window window)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (window.LastLogged != long.MinValue && time.GetElapsedTime(window.LastLogged, now) < Interval)
            {
                window.SuppressedSinceLogged++;
                _suppressed++;
                return null;
            }
            window.LastLogged = now;
            var suppressed = window.SuppressedSinceLogged;
            window.SuppressedSinceLogged = 0;
            _logged++;
            return suppressed;
        }
    }

    /// <summary>One rate limit's state (guarded by the log's lock).</summary>
    private sealed class Window
    {
        public long LastLogged = long.MinValue;
        public long SuppressedSinceLogged;
    }
}
