using MeshFed.Model;

namespace MeshFed.Federation.Trust;

/// <summary>
/// Bounds on <c>trust issue --ttl</c>: at least an hour (an SVID that expires before the gateway has reloaded
/// it is an outage), at most the intermediate's lifetime (it is capped there anyway), and a warning above a
/// week (a leaked SVID key is good until the SVID expires; there is no revocation of single SVIDs).
/// </summary>
public static class SvidLifetimePolicy
{
    /// <summary>The shortest lifetime accepted.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromHours(1);

    /// <summary>Above this a warning is printed.</summary>
    public static readonly TimeSpan WarnAbove = TimeSpan.FromDays(7);

    /// <summary>The longest lifetime accepted: the site intermediate's.</summary>
    public static TimeSpan Maximum => TrustIssuer.IntermediateLifetime;

    /// <summary>Parses and checks <paramref name="text"/>; on failure <paramref name="error"/> says what to give instead.</summary>
    public static bool TryParse(string text, out TimeSpan lifetime, out string error, out string? warning)
    {
        warning = null;
        var range = $"between 1h and {Maximum.TotalHours:0}h ({Maximum.TotalDays:0} days, the site intermediate's lifetime)";
        if (!DurationText.TryParse(text, out lifetime, out var parseError))
        {
            error = $"--ttl '{text}' {parseError}; give a duration like 24h or 90m, {range}";
            return false;
        }
        if (lifetime < Minimum || lifetime > Maximum)
        {
            error = $"--ttl '{text}' is {(lifetime < Minimum ? "shorter than 1h" : $"longer than {Maximum.TotalHours:0}h")}; an SVID lives {range}";
            return false;
        }
        error = "";
        if (lifetime > WarnAbove)
            warning = $"--ttl {text}: an SVID valid for more than 7 days stays usable that long if its key leaks (single SVIDs cannot be revoked); prefer 24h and rotate";
        return true;
    }
}
