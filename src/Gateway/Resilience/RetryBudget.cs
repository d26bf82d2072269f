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
    public void RecordRequest()
    {
        lock (_requests)
            _requests[Slot()]++;
    }

    /// <summary>Takes a retry from the budget; false when it is spent.</summary>
    public bool TryRetry()
    {
        lock (_requests)
        {
            var slot = Slot();
            long requests = 0, retries = 0;
            for (var i = 0; i < _requests.Length; i++)
            {
                requests += _requests[i];
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
            _second[slot] = now;
            _requests[slot] = 0;
            _retries[slot] = 0;
        }
        return slot;
    }
}
