namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// One condition of an http route (istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest):
/// every member set must hold.
/// </summary>
/// <param name="Uri">The path.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Headers">Header values, by header name (lower case).</param>
/// <param name="QueryParams">Query parameter values, by name (exact and regex only: Istio has no prefix here).</param>
/// <param name="Port">The service port the request is addressed to, written as a number.</param>
/// <param name="SourceLabels">Labels the calling workload must carry.</param>
/// <param name="SourceNamespace">The calling workload's namespace.</param>
public sealed record HttpMatchRequest(
    StringMatch? Uri = null,
    StringMatch? Method = null,
    IReadOnlyDictionary<string, StringMatch>? Headers = null,
    IReadOnlyDictionary<string, StringMatch>? QueryParams = null,
    int? Port = null,
    IReadOnlyDictionary<string, string>? SourceLabels = null,
    string? SourceNamespace = null);

/// <summary>
/// A string condition (virtual-service/#StringMatch), a oneOf: exactly one of exact, prefix and regex (RE2) is
/// set, so it is made only through <see cref="Exact"/>, <see cref="Prefix"/> and <see cref="Regex"/>.
/// </summary>
public sealed record StringMatch
{
    private StringMatch()
    {
    }

    /// <summary>The whole value, when matched exactly.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("exact")]
    public string? ExactValue { get; private init; }

    /// <summary>The start of the value, when matched by prefix.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("prefix")]
    public string? PrefixValue { get; private init; }

    /// <summary>An RE2 pattern the whole value must match.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("regex")]
    public string? RegexValue { get; private init; }

    /// <summary>Equal to <paramref name="value"/>.</summary>
    public static StringMatch Exact(string value) => new() { ExactValue = value };

    /// <summary>Starting with <paramref name="value"/>.</summary>
    public static StringMatch Prefix(string value) => new() { PrefixValue = value };

    /// <summary>Matching the RE2 pattern <paramref name="pattern"/> (the whole value).</summary>
    public static StringMatch Regex(string pattern) => new() { RegexValue = pattern };
}
