namespace MeshFed.Gateway.Policy;

/// <summary>
/// Lets one log line through per interval and counts the rest, so that what an unauthenticated client can
/// trigger (a forged header, a foreign identity) cannot flood the log; the metric still counts every event.
/// </summary>
public sealed class LogGate(TimeSpan interval, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _nextTicks;
    private long _suppressed;

    /// <summary>True when this event may be logged; <paramref name="suppressed"/> is how many were not since the last one.</summary>
    public bool TryEnter(out long suppressed)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextTicks);
        if (now >= next && Interlocked.CompareExchange(ref _nextTicks, now + interval.Ticks, next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }
        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}
