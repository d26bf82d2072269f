using System.Security.Cryptography;
using System.Text;

namespace MeshFed.Model;

/// <summary>
/// The names VPC Lattice accepts. Every Lattice name (service network, service, listener, rule, target group)
/// is lowercase letters, digits and '-', not starting or ending with '-', without "--", within a length range,
/// and not starting with the prefix Lattice reserves for the kind's generated ids ("svc-", "listener-", "rule-",
/// "tg-"): the Smithy model's ServiceName, ServiceNetworkName, ListenerName, RuleName and TargetGroupName shapes
/// (docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateService.html, "name").
/// </summary>
public static class LatticeNames
{
    /// <summary>Hex characters of the hash a fitted name ends with: 32 bits, so two keys collide with probability 2^-32.</summary>
    public const int HashLength = 8;

    /// <summary>True when <paramref name="name"/> is a valid Lattice name of <paramref name="minLength"/>–<paramref name="maxLength"/> characters.</summary>
    public static bool IsValid(string name, int minLength, int maxLength, string? reservedPrefix = null)
    {
        if (name.Length < minLength || name.Length > maxLength || name[0] == '-' || name[^1] == '-' || name.Contains("--", StringComparison.Ordinal))
            return false;
        if (reservedPrefix is not null && name.StartsWith(reservedPrefix, StringComparison.Ordinal))
            return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                return false;
        }
        return true;
    }

    /// <summary>
    /// A valid Lattice name for <paramref name="readable"/>, always ending in <c>-</c> and the first
    /// <see cref="HashLength"/> hex characters of SHA-256(<paramref name="key"/>): readable parts can coincide
    /// (<c>a-b</c> in <c>c</c> and <c>a</c> in <c>b-c</c> both read <c>a-b-c</c>), the key cannot, so the name is
    /// deterministic and collision-free without knowing the other names. The readable part is lowercased,
    /// stripped of other characters and of '-' runs, kept clear of <paramref name="reservedPrefix"/> and cut to fit.
    /// </summary>
    public static string Fit(string readable, string key, int maxLength, string? reservedPrefix = null)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..HashLength];
        var text = new StringBuilder(readable.Length);
        foreach (var c in readable.ToLowerInvariant())
        {
            var kept = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-';
            if (kept == '-' && (text.Length == 0 || text[^1] == '-'))
                continue;
            text.Append(kept);
        }
        var body = text.ToString();
        if (reservedPrefix is not null && body.StartsWith(reservedPrefix, StringComparison.Ordinal))
            body = "m" + body;
        var room = maxLength - HashLength - 1;
        if (body.Length > room)
            body = body[..room];
        body = body.Trim('-');
        return body.Length == 0 ? $"m-{hash}" : $"{body}-{hash}";
    }
}
