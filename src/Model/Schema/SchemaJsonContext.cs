using System.Text.Json.Serialization;

namespace MeshFed.Model.Schema;

/// <summary>Source-generated serialization of <see cref="SchemaNode"/>: indented by two, nulls left out.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SchemaNode))]
internal sealed partial class SchemaJsonContext : JsonSerializerContext;
