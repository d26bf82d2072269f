namespace MeshFed.Model;

/// <summary>The naming rules every target accepts: RFC 1035 DNS labels (Kubernetes Service names).</summary>
public static class Names
{
    /// <summary>The longest label.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The JSON Schema pattern equivalent to <see cref="IsDnsLabel"/>.</summary>
    public const string DnsLabelPattern = "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$";

    /// <summary>True for 1–63 lowercase letters, digits and '-', starting with a letter, not ending with '-'.</summary>
    public static bool IsDnsLabel(string value)
    {
        if (value.Length is 0 or > MaxLabelLength || !char.IsAsciiLetterLower(value[0]) || value[^1] == '-')
            return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                return false;
        }
        return true;
    }

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
