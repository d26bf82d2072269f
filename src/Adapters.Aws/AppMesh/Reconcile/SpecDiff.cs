using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>
/// Semantic comparison of specs: nulls, empty lists and empty objects mean "not set" on both sides (the API
/// fills some in when it describes a resource), everything else must be equal. Returns the differing paths.
/// </summary>
public static class SpecDiff
{
    /// <summary>The differences between what is wanted and what exists, as <c>path: actual → desired</c>, paths starting at <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Compare(JsonNode? desired, JsonNode? actual, string root = "spec")
    {
        var differences = new List<string>();
        Walk(Normalize(desired), Normalize(actual), root, differences);
        return differences;
    }

    private static void Walk(JsonNode? desired, JsonNode? actual, string path, List<string> differences)
    {
        switch (desired, actual)
        {
            case (JsonObject d, JsonObject a):
                foreach (var key in d.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                    Walk(d[key], a[key], $"{path}.{key}", differences);
                break;
            case (JsonArray d, JsonArray a) when d.Count == a.Count:
                for (var i = 0; i < d.Count; i++)
                    Walk(d[i], a[i], $"{path}[{i}]", differences);
                break;
            default:
                var left = actual?.ToJsonString() ?? "(none)";
                var right = desired?.ToJsonString() ?? "(none)";
                if (left != right)
                    differences.Add($"{path}: {left} → {right}");
                break;
        }
    }

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
                // Numbers compare by value: the API may write 10 where we wrote 10.0.
                return node.GetValueKind() == System.Text.Json.JsonValueKind.Number
                    ? JsonValue.Create(decimal.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture))
                    : node.DeepClone();
        }
    }
}
