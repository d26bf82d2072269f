using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// The signing keys of each JWT issuer, fetched from its <c>jwksUri</c> and cached. Keys are refreshed after
/// <see cref="RefreshAfter"/>, or sooner when a token names a key id the cache does not know (issuers rotate
/// keys), but never more than once per <see cref="MinimumRefreshInterval"/> per URI, so bad tokens cannot make
/// the gateway hammer the issuer. A failed fetch keeps the last good keys.
/// </summary>
public sealed class JwksCache(HttpClient http, ILogger logger, TimeProvider? time = null)
{
    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);

    /// <summary>The shortest time between two fetches of one URI.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private sealed record Entry(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt, SemaphoreSlim Gate);

    /// <summary>The keys at <paramref name="jwksUri"/>; refreshed first if stale or if <paramref name="keyId"/> is unknown.</summary>
    public async Task<IReadOnlyList<SecurityKey>> KeysAsync(string jwksUri, string? keyId, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(jwksUri, _ => new Entry([], DateTimeOffset.MinValue, new SemaphoreSlim(1, 1)));
        if (!NeedsFetch(entry, keyId))
            return entry.Keys;
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            entry = _entries[jwksUri];
            if (!NeedsFetch(entry, keyId))
                return entry.Keys;
            try
            {
                var json = await http.GetStringAsync(jwksUri, cancellationToken).ConfigureAwait(false);
                var keys = new JsonWebKeySet(json).GetSigningKeys();
                entry = entry with { Keys = [.. keys], FetchedAt = _time.GetUtcNow() };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ArgumentException or System.Text.Json.JsonException)
            {
                logger.LogWarning("JWKS {Uri} not fetched ({Reason}); keeping {Count} cached keys.", jwksUri, e.Message, entry.Keys.Count);
                entry = entry with { FetchedAt = _time.GetUtcNow() };
            }
            _entries[jwksUri] = entry;
            return entry.Keys;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private bool NeedsFetch(Entry entry, string? keyId)
    {
        var age = _time.GetUtcNow() - entry.FetchedAt;
        if (age >= RefreshAfter)
            return true;
        var unknownKey = keyId is not null && !entry.Keys.Any(k => k.KeyId == keyId);
        return unknownKey && age >= MinimumRefreshInterval;
    }
}
