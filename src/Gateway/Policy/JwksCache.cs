using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// The signing keys of each JWT issuer, fetched from its <c>jwksUri</c> and cached. Keys are refreshed after
/// <see cref="RefreshAfter"/>, or sooner when a token names a key id the cache does not know (issuers rotate
/// keys), but never more than once per <see cref="MinimumRefreshInterval"/> per URI, so bad tokens cannot make
/// the gateway hammer the issuer. A failed fetch keeps the last good keys; with none yet, it is tried again
/// after <see cref="EmptyRetryInterval"/>, since until then every token of that issuer is refused.
/// </summary>
/// <remarks>
/// A fetch belongs to the gateway, not to the request that noticed it was due: it runs on its own
/// <see cref="FetchTimeout"/>, and requests only wait for it. A client that hangs up stops waiting, and its
/// cancellation never counts as a failed fetch (E7), which had let one impatient client make every valid token
/// fail for 30 s or more.
/// </remarks>
public sealed class JwksCache(HttpClient http, ILogger logger, TimeProvider? time = null)
{
    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);

    /// <summary>The shortest time between two fetches of one URI that has keys.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>The time between two fetches of one URI while it has no keys.</summary>
    public static readonly TimeSpan EmptyRetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long one fetch may take.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private sealed class Entry
    {
        public IReadOnlyList<SecurityKey> Keys = [];
        public DateTimeOffset FetchedAt = DateTimeOffset.MinValue;
        public DateTimeOffset NextAttemptAt = DateTimeOffset.MinValue;
        public Task? InFlight;
    }

    /// <summary>The keys at <paramref name="jwksUri"/>; refreshed first if stale or if <paramref name="keyId"/> is unknown.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting (the fetch goes on).</exception>
    public async Task<IReadOnlyList<SecurityKey>> KeysAsync(string jwksUri, string? keyId, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(jwksUri, _ => new Entry());
        Task fetch;
        lock (entry)
        {
            if (FetchDue(entry, keyId))
                entry.InFlight = FetchAsync(jwksUri, entry);
            // Keys that can check this token serve it while a refresh runs; otherwise wait for the refresh.
            var usable = keyId is null ? entry.Keys.Count > 0 : entry.Keys.Any(k => k.KeyId == keyId);
            if (usable || entry.InFlight is null)
                return entry.Keys;
            fetch = entry.InFlight;
        }
        await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref entry.Keys);
    }

    /// <summary>Starts fetching every URI in <paramref name="jwksUris"/> that has no fresh keys (at start and after a reload), without waiting.</summary>
    public void Prefetch(IEnumerable<string> jwksUris)
    {
        foreach (var uri in jwksUris.Distinct(StringComparer.Ordinal))
        {
            var entry = _entries.GetOrAdd(uri, _ => new Entry());
            lock (entry)
            {
                if (FetchDue(entry, null))
                    entry.InFlight = FetchAsync(uri, entry);
            }
        }
    }

    // Never throws: a failure is logged and schedules the next attempt.
    private async Task FetchAsync(string jwksUri, Entry entry)
    {
        await Task.Yield(); // run outside the caller's lock
        IReadOnlyList<SecurityKey>? keys = null;
        string? failure = null;
        try
        {
            using var timeout = new CancellationTokenSource(FetchTimeout, _time);
            var json = await http.GetStringAsync(jwksUri, timeout.Token).ConfigureAwait(false);
            keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            failure = e is OperationCanceledException ? $"no answer within {FetchTimeout.TotalSeconds:0} s" : e.Message;
        }
        var now = _time.GetUtcNow();
        lock (entry)
        {
            if (keys is not null)
            {
                Volatile.Write(ref entry.Keys, keys);
                entry.FetchedAt = now;
                entry.NextAttemptAt = now + MinimumRefreshInterval;
            }
            else
            {
                entry.NextAttemptAt = now + (entry.Keys.Count == 0 ? EmptyRetryInterval : MinimumRefreshInterval);
            }
            entry.InFlight = null;
        }
        if (failure is not null)
            logger.LogWarning("JWKS {Uri} not fetched ({Reason}); keeping {Count} cached keys.", jwksUri, failure, entry.Keys.Count);
    }

    // Called under the entry's lock.
    private bool FetchDue(Entry entry, string? keyId)
    {
        if (entry.InFlight is not null)
            return false;
        var now = _time.GetUtcNow();
        if (now < entry.NextAttemptAt)
            return false;
        if (entry.Keys.Count == 0 || now - entry.FetchedAt >= RefreshAfter)
            return true;
        return keyId is not null && !entry.Keys.Any(k => k.KeyId == keyId);
    }
}
