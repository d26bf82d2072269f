using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshFed.Model.Schema;

/// <summary>Writes <see cref="SchemaNode.Nothing"/> as the boolean schema <c>false</c>, any other node as an object.</summary>
internal sealed class SchemaNodeOrFalseConverter : JsonConverter<SchemaNode>
{
    public override SchemaNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The manifest schema is only written.");

    public override void Write(Utf8JsonWriter writer, SchemaNode value, JsonSerializerOptions options)
    {
        if (ReferenceEquals(value, SchemaNode.Nothing))
            writer.WriteBooleanValue(false);
        else
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(typeof(SchemaNode)));
    }
}
