using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>
/// Reads and replaces the <see cref="LatticeRefs"/> placeholders of a rendered input (docs/lattice.md,
/// "Placeholders"): a placeholder is always a whole JSON string.
/// </summary>
public static partial class LatticePlaceholders
{
    /// <summary>The name a placeholder of <paramref name="kind"/> (<c>service</c>, <c>listener</c>, …) refers to, or null when <paramref name="value"/> is not one.</summary>
    public static string? NameIn(string? value, string kind) =>
        value is not null && Pattern().Match(value) is { Success: true } m && m.Groups["kind"].Value == kind ? m.Groups["name"].Value : null;

    /// <summary>True when <paramref name="value"/> is a placeholder.</summary>
    public static bool IsPlaceholder(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>A copy of <paramref name="node"/> with every placeholder <paramref name="resolve"/> knows replaced; the others stay.</summary>
    public static JsonNode? Resolve(JsonNode? node, Func<string, string?> resolve) => node switch
    {
        JsonObject obj => new JsonObject([.. obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, resolve)))]),
        JsonArray array => new JsonArray([.. array.Select(i => Resolve(i, resolve))]),
        JsonValue value when value.TryGetValue<string>(out var text) && IsPlaceholder(text) => JsonValue.Create(resolve(text) ?? text),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>The placeholders still in <paramref name="node"/>.</summary>
    public static IEnumerable<string> Unresolved(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Unresolved(p.Value)),
        JsonArray array => array.SelectMany(Unresolved),
        JsonValue value when value.TryGetValue<string>(out var text) && IsPlaceholder(text) => [text],
        _ => [],
    };

    // \z, not $: .NET's $ also matches before a final "\n", and a placeholder is the whole string, nothing after it.
    [GeneratedRegex(@"^\{\{(?<kind>[A-Za-z]+):(?<name>[^{}]+)\}\}\z")]
    private static partial Regex Pattern();
}
