using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MeshFed.Model.Rendering;

/// <summary>
/// A typed value serialised into a JSON tree built whole, once. <see cref="JsonSerializer.SerializeToNode(object?, JsonTypeInfo)"/>
/// returns a tree over a parsed document that builds each object's members when first read and transcodes a string
/// from UTF-8 on every read; a rendering is read by the analysis path after path and then written whole, so at 10,000
/// services that deferred work (and its garbage) cost more than building the tree once (bench/README.md, "Fourth pass").
/// The tree is the same: same members in the same order, strings and booleans as values, numbers kept as their JSON
/// text, so everything written from it is byte for byte what the lazy tree gave. The same reader builds the tree of
/// serialised UTF-8 a rendered object holds (<see cref="KubernetesObject.SpecUtf8"/>) when a writer asks for it.
/// </summary>
public static class JsonTree
{
    /// <summary><paramref name="value"/> serialised by <paramref name="typeInfo"/>, as a JSON object.</summary>
    public static JsonObject Object(object value, JsonTypeInfo typeInfo) =>
        Object(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)) ?? throw new JsonException($"{typeInfo.Type.Name} is not serialised as a JSON object");

    /// <summary><paramref name="node"/> as UTF-8 JSON, written by the node itself (no serializer, so no reflection).</summary>
    public static ReadOnlyMemory<byte> Utf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            node.WriteTo(writer);
        return buffer.WrittenMemory;
    }

    /// <summary>The JSON object <paramref name="utf8"/> holds, as a tree; null when it holds another value.</summary>
    public static JsonObject? Object(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        return Read(ref reader) as JsonObject;
    }

    private static JsonNode? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    members.Add(name, Read(ref reader));
                }
                return members;
            case JsonTokenType.StartArray:
                var items = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(Read(ref reader));
                return items;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Number:
                // Kept as written (1, 1.50, 1e3 stay so), as the lazy tree keeps them.
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            default:
                return null;
        }
    }
}
