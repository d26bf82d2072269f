namespace MeshFed.Model;

/// <summary>The naming rules every target accepts: RFC 1035 DNS labels (Kubernetes Service names).</summary>
public static class Names
{
    /// <summary>The longest label.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The JSON Schema pattern equivalent to <see cref="IsDnsLabel"/>.</summary>
    public const string DnsLabelPattern = "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$";

    /// <summary>True for 1–63 lowercase letters, digits and '-', starting with a letter, not ending with '-'.</summary>
    public static bool IsDnsLabel(string value) => IsRfc1123Label(value) && char.IsAsciiLetterLower(value[0]);

    /// <summary>The JSON Schema pattern equivalent to <see cref="IsVersionLabel"/>.</summary>
    public const string VersionLabelPattern = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /// <summary>
    /// True for an RFC 1123 label (like a DNS label, but it may start with a digit: <c>2024-11</c>). Versions
    /// become Istio subset names and parts of App Mesh node names, which accept these.
    /// </summary>
    public static bool IsVersionLabel(string value) => IsRfc1123Label(value);

    // 1-63 lowercase letters, digits and '-', neither first nor last a '-' (RFC 1123, section 2.1); a DNS label
    // (RFC 1035) also starts with a letter.
    private static bool IsRfc1123Label(string value)
    {
        if (value.Length is 0 or > MaxLabelLength || value[0] == '-' || value[^1] == '-')
            return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                return false;
        }
        return true;
    }

    /// <summary>The JSON Schema pattern equivalent to <see cref="IsNetworkName"/>.</summary>
    public const string NetworkNamePattern = "^[A-Za-z0-9]([-A-Za-z0-9._]{0,61}[A-Za-z0-9])?$";

    /// <summary>True for a network name: 1–63 letters, digits, '.', '_' or '-' (a Kubernetes label value, which Istio uses).</summary>
    public static bool IsNetworkName(string value) =>
        value.Length is > 0 and <= MaxLabelLength && char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>", e.g. 'fixed-name'" when a close valid label exists, else empty.</summary>
    public static string SuggestLabel(string value)
    {
        var chars = value.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-').ToArray();
        var candidate = new string(chars).Trim('-');
        if (candidate.Length > MaxLabelLength)
            candidate = candidate[..MaxLabelLength].TrimEnd('-');
        return IsDnsLabel(candidate) && candidate != value ? $", e.g. '{candidate}'" : "";
    }
}
