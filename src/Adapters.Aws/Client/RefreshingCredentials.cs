namespace MeshFed.Adapters.Aws.Client;

/// <summary>
/// Credentials for a long-running signer (the gateway's data path), fetched again before they expire: from
/// <see cref="RefreshBefore"/> ahead of expiry one refresh runs in the background while requests keep signing with
/// the current ones; only when they have expired (or were never fetched) does a request wait for new ones.
/// Long-lived keys are fetched again every <see cref="LongLivedRefresh"/>, so a rotated profile or environment
/// takes effect without a restart. Reading the current credentials allocates nothing.
/// </summary>
/// <param name="fetch">Fetches credentials (<see cref="AwsCredentialChain.FetchAsync"/> in production).</param>
/// <param name="time">The clock.</param>
public sealed class RefreshingCredentials(Func<CancellationToken, Task<ExpiringCredentials>> fetch, TimeProvider time)
{
    /// <summary>How long before expiry a refresh starts. AWS issues role credentials for an hour or more and
    /// renews them well before; five minutes leaves room for a slow credential endpoint.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    /// <summary>How often credentials without an expiry are fetched again.</summary>
    public static readonly TimeSpan LongLivedRefresh = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private Snapshot? _current;
    private Task<Snapshot>? _refreshing;

    /// <summary>Credentials valid now.</summary>
    /// <exception cref="InvalidOperationException">None could be fetched (the message says what to do; it never holds a secret).</exception>
    public ValueTask<AwsCredentials> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var current = Volatile.Read(ref _current);
        if (current is not null && now < current.RefreshAt)
            return ValueTask.FromResult(current.Credentials);
        if (current is not null && now < current.ExpiresAt)
        {
            _ = Refresh(); // the background refresh; its failure is seen by the request that finds them expired
            return ValueTask.FromResult(current.Credentials);
        }
        return AwaitRefresh(cancellationToken);
    }

    private async ValueTask<AwsCredentials> AwaitRefresh(CancellationToken cancellationToken) =>
        (await Refresh().WaitAsync(cancellationToken).ConfigureAwait(false)).Credentials;

    private Task<Snapshot> Refresh()
    {
        lock (_lock)
        {
            if (_refreshing is { IsCompleted: false } running)
                return running;
            return _refreshing = FetchAsync();
        }
    }

    private async Task<Snapshot> FetchAsync()
    {
        await Task.Yield(); // never run the fetch inline under the lock
        var fetched = await fetch(CancellationToken.None).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var expires = fetched.Expires ?? DateTimeOffset.MaxValue;
        var refreshAt = fetched.Expires is { } at ? at - RefreshBefore : now + LongLivedRefresh;
        var snapshot = new Snapshot(fetched.Credentials, refreshAt, expires);
        Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    private sealed record Snapshot(AwsCredentials Credentials, DateTimeOffset RefreshAt, DateTimeOffset ExpiresAt);
}
