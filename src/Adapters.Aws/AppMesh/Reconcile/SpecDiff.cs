using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>
/// Semantic comparison of a desired spec (typed, as rendered) with the spec App Mesh describes (JSON, as
/// the API returns it), under the <see cref="SpecSemantics"/> of the spec's kind. Returns the differing paths.
/// </summary>
public static class SpecDiff
{
    /// <summary>The differences between what is wanted and what exists, as <c>path: actual → desired</c>.</summary>
    public static IReadOnlyList<string> Compare(AppMeshSpec desired, JsonNode? actual) =>
        Compare(JsonSerializer.SerializeToNode(desired, AppMeshJsonContext.Default.AppMeshSpec), actual, SpecSemantics.Of(desired.Kind));

    /// <summary>The differences between two JSON values under the rules every kind has, paths starting at <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Compare(JsonNode? desired, JsonNode? actual, string root) =>
        Compare(desired, actual, SpecSemantics.Default, root);

    /// <summary>The differences between two specs as JSON under <paramref name="semantics"/>, paths starting at <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Compare(JsonNode? desired, JsonNode? actual, SpecSemantics semantics, string root = "spec")
    {
        var differences = new List<string>();
        var filledIn = semantics.FilledInWhenUnset.ToHashSet(StringComparer.Ordinal);
        Walk(Normalize(desired), Normalize(actual), root, "", filledIn, differences);
        return differences;
    }

    // path: where, as reported (spec.listeners[0].tls); pattern: where, as SpecSemantics names it (listeners[].tls).
    private static void Walk(JsonNode? desired, JsonNode? actual, string path, string pattern, HashSet<string> filledIn, List<string> differences)
    {
        switch (desired, actual)
        {
            case (null, not null) when filledIn.Contains(pattern):
                break;
            case (JsonObject d, JsonObject a):
                foreach (var key in d.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                    Walk(d[key], a[key], $"{path}.{key}", pattern.Length == 0 ? key : $"{pattern}.{key}", filledIn, differences);
                break;
            case (JsonArray d, JsonArray a) when d.Count == a.Count:
                for (var i = 0; i < d.Count; i++)
                    Walk(d[i], a[i], $"{path}[{i}]", pattern + "[]", filledIn, differences);
                break;
            default:
                var left = actual?.ToJsonString() ?? "(none)";
                var right = desired?.ToJsonString() ?? "(none)";
                if (left != right)
                    differences.Add($"{path}: {left} → {right}");
                break;
        }
    }

    // Dividing a decimal by 1 written with the most decimals strips its trailing zeros (10.0m / this == 10m).
    private const decimal WithoutTrailingZeros = 1.000000000000000000000000000000000m;

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (Normalize(value) is { } kept)
                        result[key] = kept;
                }
                return result.Count == 0 ? null : result;
            case JsonArray array:
                var items = new JsonArray([.. array.Select(Normalize)]);
                return items.Count == 0 ? null : items;
            case null:
                return null;
            default:
                // Numbers compare by value: the API may write 10 where we wrote 10.0. A decimal keeps the scale
                // it was parsed with (10.0 writes as 10.0), so trailing zeros are divided away.
                return node.GetValueKind() == JsonValueKind.Number
                    ? JsonValue.Create(decimal.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) / WithoutTrailingZeros)
                    : node.DeepClone();
        }
    }
}
