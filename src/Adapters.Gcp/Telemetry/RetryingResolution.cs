namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// A value resolved once it can be: a success is kept for good, a failure only until <c>retryAfter</c> has
/// passed, when the next caller resolves again. <see cref="Lazy{T}"/> would keep a faulted task forever, so a
/// metadata server that was not ready when the first export ran would stop every export until restart (R2).
/// </summary>
public sealed class RetryingResolution<T>(Func<CancellationToken, Task<T>> resolve, TimeSpan retryAfter, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private Task<T>? _current;
    private DateTimeOffset _failedAt;

    /// <summary>The value; throws the last failure until <c>retryAfter</c> has passed since it.</summary>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is { IsFaulted: true } or { IsCanceled: true } && _time.GetUtcNow() - _failedAt >= retryAfter)
                _current = null;
            return _current ??= Resolve(cancellationToken);
        }
    }

    private async Task<T> Resolve(CancellationToken cancellationToken)
    {
        try
        {
            return await resolve(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
                _failedAt = _time.GetUtcNow();
            throw;
        }
    }
}
