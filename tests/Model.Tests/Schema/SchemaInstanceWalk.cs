using System.Text.Json.Nodes;

namespace MeshFed.Model.Tests.Schema;

/// <summary>
/// Walks a manifest (as JSON) together with the schema node that describes each value, following $ref, the
/// matching branch of a oneOf, items and map values: every value visited with where it is and its schema.
/// Read from the schema text alone, so it checks the generator rather than repeating it.
/// </summary>
public sealed class SchemaInstanceWalk
{
    private readonly JsonObject _definitions;

    public SchemaInstanceWalk(JsonObject schema)
    {
        _definitions = schema["definitions"]!.AsObject();
        Root = schema;
    }

    public JsonObject Root { get; }

    /// <summary>Every definition's properties as "definition.property" ("#.apiVersion" for the root's).</summary>
    public IEnumerable<string> AllProperties() =>
        Properties("#", Root).Concat(_definitions.SelectMany(d => Properties(d.Key, d.Value!.AsObject())));

    /// <summary>Every value of <paramref name="document"/> with its location and schema.</summary>
    public IEnumerable<Visit> Values(JsonNode document) => Walk(Root, "#", null, document, []);

    private static IEnumerable<string> Properties(string owner, JsonObject node)
    {
        var objectForm = node["oneOf"] is JsonArray branches ? branches.Select(b => b!.AsObject()).Single(b => b["properties"] is not null) : node;
        return objectForm["properties"] is JsonObject properties ? properties.Select(p => $"{owner}.{p.Key}") : [];
    }

    private IEnumerable<Visit> Walk(JsonObject schema, string owner, string? declaredBy, JsonNode? value, IReadOnlyList<object> at)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            foreach (var visit in Walk(_definitions[name]!.AsObject(), name, declaredBy, value, at))
                yield return visit;
            yield break;
        }
        if (schema["oneOf"] is JsonArray branches)
        {
            var isObject = value is JsonObject;
            var branch = branches.Select(b => b!.AsObject()).First(b => IsObjectSchema(b) == isObject);
            foreach (var visit in Walk(branch, owner, declaredBy, value, at))
                yield return visit;
            yield break;
        }
        yield return new Visit(at, declaredBy, schema, value);
        switch (value)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var (key, child) in obj)
                {
                    if (properties[key] is JsonObject childSchema)
                    {
                        foreach (var visit in Walk(childSchema, owner, $"{owner}.{key}", child, [.. at, key]))
                            yield return visit;
                    }
                }
                break;
            case JsonObject map when schema["additionalProperties"] is JsonObject valueSchema:
                foreach (var (key, child) in map)
                {
                    foreach (var visit in Walk(valueSchema, owner, null, child, [.. at, key]))
                        yield return visit;
                }
                break;
            case JsonArray list when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var visit in Walk(itemSchema, owner, null, list[i], [.. at, i]))
                        yield return visit;
                }
                break;
        }
    }

    private bool IsObjectSchema(JsonObject schema) =>
        schema["$ref"] is { } reference
            ? IsObjectSchema(_definitions[((string)reference!).Split('/')[^1]]!.AsObject())
            : (string?)schema["type"] == "object";

    /// <summary>
    /// One value: its place (property names and item indexes from the document), the "definition.property"
    /// that declares it (null for the document, list items and map values), its schema, and the value.
    /// </summary>
    public sealed record Visit(IReadOnlyList<object> At, string? DeclaredBy, JsonObject Schema, JsonNode? Value)
    {
        /// <summary>The place as the loader's diagnostics write it: <c>spec.services[0].traffic</c>.</summary>
        public string ManifestPath => string.Concat(At.Select((s, i) => s is int n ? $"[{n}]" : i == 0 ? (string)s : $".{s}"));

        /// <summary>A copy of <paramref name="document"/> with this value replaced by <paramref name="replacement"/>.</summary>
        public JsonNode With(JsonNode document, JsonNode? replacement)
        {
            var copy = document.DeepClone();
            var parent = At.SkipLast(1).Aggregate(copy, (node, step) => step is int i ? node[i]! : node[(string)step]!);
            if (At[^1] is int index)
                parent[index] = replacement;
            else
                parent[(string)At[^1]] = replacement;
            return copy;
        }
    }
}
