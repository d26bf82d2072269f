namespace MeshFed.Gateway.Resilience;

/// <summary>
/// Caps retries at a share of recent requests (Finagle's and Linkerd's retry budget), so that when a backend
/// fails, retries add at most <see cref="Ratio"/> more load instead of multiplying it by the attempt count.
/// A small floor per second keeps retries possible at low traffic. Counts are kept per second over a window.
/// </summary>
public sealed class RetryBudget(double ratio = 0.2, int minPerSecond = 10, int windowSeconds = 10, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly long[] _requests = new long[windowSeconds];
    private readonly long[] _retries = new long[windowSeconds];
    private readonly long[] _second = new long[windowSeconds];

    /// <summary>Retries allowed per request sent, over the window.</summary>
    public double Ratio { get; } = ratio;

    /// <summary>Counts a first attempt.</summary>
    /// <remarks>
    /// Every request passes here, so the common case takes no lock: only the first request of a new second
    /// clears its slot under the lock. A request counted at the instant its slot is cleared may be lost, which
    /// a budget of a share of thousands of requests does not notice.
    /// </remarks>
    public void RecordRequest()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(now % _requests.Length);
        if (Volatile.Read(ref _second[slot]) != now)
        {
            lock (_requests)
                Slot();
        }
        Interlocked.Increment(ref _requests[slot]);
    }

    /// <summary>Takes a retry from the budget; false when it is spent.</summary>
    public bool TryRetry()
    {
        lock (_requests)
        {
            var slot = Slot();
            var now = _second[slot];
            long requests = 0, retries = 0;
            for (var i = 0; i < _requests.Length; i++)
            {
                if (now - _second[i] >= _requests.Length)
                    continue; // a second older than the window, not reused since
                requests += Interlocked.Read(ref _requests[i]);
                retries += _retries[i];
            }
            if (retries >= (double)minPerSecond * windowSeconds + Ratio * requests)
                return false;
            _retries[slot]++;
            return true;
        }
    }

    // Each slot holds one second; a slot last used more than a window ago is cleared before reuse.
    private int Slot()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(now % _requests.Length);
        if (_second[slot] != now)
        {
            // Cleared before the second is published, so a lock-free reader seeing the new second counts from zero.
            Interlocked.Exchange(ref _requests[slot], 0);
            _retries[slot] = 0;
            Volatile.Write(ref _second[slot], now);
        }
        return slot;
    }
}
