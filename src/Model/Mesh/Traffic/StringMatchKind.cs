namespace MeshFed.Model;

/// <summary>How a header, query parameter or path value is compared.</summary>
public enum StringMatchKind
{
    /// <summary>Equal, byte for byte.</summary>
    [WireName("exact")] Exact,
    /// <summary>Starts with the value.</summary>
    [WireName("prefix")] Prefix,
    /// <summary>Ends with the value (Istio renders it as a regex).</summary>
    [WireName("suffix")] Suffix,
    /// <summary>Matches an RE2 regular expression over the whole value.</summary>
    [WireName("regex")] Regex,
    /// <summary>Present with any value (the value is ignored).</summary>
    [WireName("present")] Present,
}
