using MeshFed.Telemetry;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// Logs refused peer certificates with their reason, at most <see cref="PerMinute"/> lines a minute; the rest
/// are counted and the count is logged when the next minute's first refusal arrives. Handshakes are
/// unauthenticated, so anyone who can connect could otherwise fill the logs (the refusal metric still counts
/// every one). What the peer presented is flattened to printable text: it is attacker-chosen.
/// </summary>
public sealed partial class PeerRefusalLog(ILogger logger, TimeProvider? time = null)
{
    /// <summary>Refusals logged per minute before the rest are only counted.</summary>
    public const int PerMinute = 10;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _logged;
    private int _suppressed;

    /// <summary>Records a refusal: <paramref name="side"/> is <c>client</c> (a caller) or <c>server</c> (a dialled peer).</summary>
    public void Refused(string side, string? site, string reason, string? subject)
    {
        int suppressed;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            suppressed = 0;
            if (now - _windowStart >= TimeSpan.FromMinutes(1))
            {
                suppressed = _suppressed;
                _windowStart = now;
                _logged = 0;
                _suppressed = 0;
            }
            if (_logged >= PerMinute)
            {
                _suppressed++;
                return;
            }
            _logged++;
        }
        if (suppressed > 0)
            Suppressed(logger, suppressed, PerMinute);
        Refusal(logger, side, site ?? "any", LogText.Printable(reason), LogText.Printable(subject ?? "none"));
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Peer certificate refused ({Side} side, expected site {Site}): {Reason} (subject {Subject}).")]
    private static partial void Refusal(ILogger logger, string side, string site, string reason, string subject);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{Count} more peer certificates were refused in the last minute and not logged (at most {PerMinute} a minute are; meshfed_gateway_peers_refused_total counts all).")]
    private static partial void Suppressed(ILogger logger, int count, int perMinute);
}
