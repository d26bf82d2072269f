using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshFed.Federation.Analysis;

/// <summary>Tolerant reads of rendered data: a missing or mistyped field is null, never an exception.</summary>
internal static class Json
{
    /// <summary>The node at <paramref name="path"/> below <paramref name="node"/>, or null.</summary>
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
            node = node is JsonObject o ? o[key] : null;
        return node;
    }

    /// <summary>The string at <paramref name="path"/>, or null.</summary>
    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;

    /// <summary>The integer at <paramref name="path"/>, or null.</summary>
    public static long? Int(this JsonNode? node, params string[] path) =>
        long.TryParse(node.Str(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The items of the list at <paramref name="path"/> (empty when there is none).</summary>
    public static IReadOnlyList<JsonNode> Items(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray a ? [.. a.Where(i => i is not null).Select(i => i!)] : [];

    /// <summary>The string items of the list at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Strings(this JsonNode? node, params string[] path) =>
        [.. node.Items(path).Select(i => i.Str()).OfType<string>()];
}
