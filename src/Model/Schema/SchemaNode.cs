using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshFed.Model.Schema;

/// <summary>
/// One JSON Schema (draft-07) node, as much of the vocabulary as the manifest's schema uses. Written by
/// <see cref="SchemaJsonContext"/> in declaration order, leaving out what is not set, so the text is byte-stable.
/// </summary>
internal sealed record SchemaNode
{
    /// <summary>The boolean schema <c>false</c>: nothing is valid (<c>additionalProperties: false</c>).</summary>
    public static SchemaNode Nothing { get; } = new();

    [JsonPropertyName("$schema")]
    public string? MetaSchema { get; init; }

    [JsonPropertyName("$id")]
    public string? Id { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("$ref")]
    public string? Ref { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("const")]
    public JsonElement? Const { get; init; }

    [JsonPropertyName("enum")]
    public IReadOnlyList<string>? Enum { get; init; }

    [JsonPropertyName("pattern")]
    public string? Pattern { get; init; }

    [JsonPropertyName("minLength")]
    public int? MinLength { get; init; }

    [JsonPropertyName("maxLength")]
    public int? MaxLength { get; init; }

    [JsonPropertyName("not")]
    public SchemaNode? Not { get; init; }

    [JsonPropertyName("minimum")]
    public double? Minimum { get; init; }

    [JsonPropertyName("maximum")]
    public double? Maximum { get; init; }

    [JsonPropertyName("items")]
    public SchemaNode? Items { get; init; }

    [JsonPropertyName("minItems")]
    public int? MinItems { get; init; }

    [JsonPropertyName("maxItems")]
    public int? MaxItems { get; init; }

    [JsonPropertyName("uniqueItems")]
    public bool? UniqueItems { get; init; }

    [JsonPropertyName("if")]
    public SchemaNode? If { get; init; }

    [JsonPropertyName("then")]
    public SchemaNode? Then { get; init; }

    [JsonPropertyName("additionalProperties")]
    [JsonConverter(typeof(SchemaNodeOrFalseConverter))]
    public SchemaNode? AdditionalProperties { get; init; }

    [JsonPropertyName("propertyNames")]
    public SchemaNode? PropertyNames { get; init; }

    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, SchemaNode>? Properties { get; init; }

    [JsonPropertyName("required")]
    public IReadOnlyList<string>? Required { get; init; }

    [JsonPropertyName("minProperties")]
    public int? MinProperties { get; init; }

    [JsonPropertyName("maxProperties")]
    public int? MaxProperties { get; init; }

    [JsonPropertyName("oneOf")]
    public IReadOnlyList<SchemaNode>? OneOf { get; init; }

    [JsonPropertyName("anyOf")]
    public IReadOnlyList<SchemaNode>? AnyOf { get; init; }

    [JsonPropertyName("definitions")]
    public IReadOnlyDictionary<string, SchemaNode>? Definitions { get; init; }
}
