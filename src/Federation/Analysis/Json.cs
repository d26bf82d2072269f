using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Tolerant reads of rendered data: a missing or mistyped field is null, never an exception. The data is held as
/// <see cref="JsonElement"/>s over each document's UTF-8 (two arrays a document, whatever its size), not as trees of
/// nodes: the analysis keeps every site's rendering to its end, and at 10,000 services those trees were about
/// 10 million objects that every collection copied again (bench/README.md, "Sixth session"). A JSON <c>null</c>
/// reads as missing, as it did in the trees.
/// </summary>
internal static class Json
{
    /// <summary>The element <paramref name="utf8"/> holds, backed by its own copy (not pooled, so nothing to dispose).</summary>
    public static JsonElement Element(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary><paramref name="node"/> as an element (written by the node itself: no serializer, so no reflection).</summary>
    public static JsonElement Element(JsonNode node) => Element(JsonTree.Utf8(node).Span);

    /// <summary><paramref name="element"/> as a tree of nodes (for writing it as YAML, or for a test to change it).</summary>
    public static JsonObject? Tree(this JsonElement element) => JsonTree.Object(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>The element at <paramref name="path"/> below <paramref name="node"/>, or null.</summary>
    public static JsonElement? At(this JsonElement? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
            node = node is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(key, out var child) ? child : null;
        return node is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : node;
    }

    /// <inheritdoc cref="At(JsonElement?, ReadOnlySpan{string})"/>
    public static JsonElement? At(this JsonElement node, params ReadOnlySpan<string> path) => ((JsonElement?)node).At(path);

    /// <summary>The string at <paramref name="path"/>, or null (a number or a boolean as its JSON text).</summary>
    public static string? Str(this JsonElement? node, params ReadOnlySpan<string> path) =>
        node.At(path) is { } v ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;

    /// <inheritdoc cref="Str(JsonElement?, ReadOnlySpan{string})"/>
    public static string? Str(this JsonElement node, params ReadOnlySpan<string> path) => ((JsonElement?)node).Str(path);

    /// <summary>
    /// <c>Str(path) == expected</c>, without making the string: every path compares hosts, versions and names this way,
    /// and at 10,000 services the strings made only to be compared were a third of the analysis' allocations.
    /// </summary>
    public static bool Is(this JsonElement? node, string? expected, params ReadOnlySpan<string> path)
    {
        if (node.At(path) is not { } v)
            return expected is null;
        return v.ValueKind switch
        {
            JsonValueKind.String => expected is not null && v.ValueEquals(expected),
            // A number's JSON text is ASCII; any other text differs from every number.
            JsonValueKind.Number => expected is not null && Ascii.Equals(JsonMarshal.GetRawUtf8Value(v), expected),
            JsonValueKind.True => expected == "true",
            JsonValueKind.False => expected == "false",
            _ => expected is null,
        };
    }

    /// <inheritdoc cref="Is(JsonElement?, string?, ReadOnlySpan{string})"/>
    public static bool Is(this JsonElement node, string? expected, params ReadOnlySpan<string> path) => ((JsonElement?)node).Is(expected, path);

    /// <summary>The integer at <paramref name="path"/>, or null.</summary>
    public static long? Int(this JsonElement? node, params ReadOnlySpan<string> path) =>
        node.At(path) is { ValueKind: JsonValueKind.Number } number
            ? number.TryGetInt64(out var exact) ? exact : null
            : long.TryParse(node.Str(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <inheritdoc cref="Int(JsonElement?, ReadOnlySpan{string})"/>
    public static long? Int(this JsonElement node, params ReadOnlySpan<string> path) => ((JsonElement?)node).Int(path);

    /// <summary>The items of the list at <paramref name="path"/> (empty when there is none), without its nulls.</summary>
    public static IReadOnlyList<JsonElement> Items(this JsonElement? node, params ReadOnlySpan<string> path)
    {
        // A loop, not LINQ: the analysis asks for lists path after path, and every iterator and boxed enumerator was
        // garbage (at 10,000 services about 80 MB of the walk's allocations; bench/README.md, "Sixth session").
        if (node.At(path) is not { ValueKind: JsonValueKind.Array } array)
            return [];
        var items = new List<JsonElement>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Null)
                items.Add(item);
        }
        return items;
    }

    /// <inheritdoc cref="Items(JsonElement?, ReadOnlySpan{string})"/>
    public static IReadOnlyList<JsonElement> Items(this JsonElement node, params ReadOnlySpan<string> path) => ((JsonElement?)node).Items(path);

    /// <summary>The string items of the list at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Strings(this JsonElement? node, params ReadOnlySpan<string> path)
    {
        var items = node.Items(path);
        var strings = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (item.Str() is { } text)
                strings.Add(text);
        }
        return strings;
    }

    /// <inheritdoc cref="Strings(JsonElement?, ReadOnlySpan{string})"/>
    public static IReadOnlyList<string> Strings(this JsonElement node, params ReadOnlySpan<string> path) => ((JsonElement?)node).Strings(path);

    /// <summary>The first of <paramref name="items"/> that <paramref name="predicate"/> accepts, or null.</summary>
    public static JsonElement? FirstOrNull(this IEnumerable<JsonElement> items, Func<JsonElement, bool> predicate)
    {
        foreach (var item in items)
        {
            if (predicate(item))
                return item;
        }
        return null;
    }
}
