using System.Text.Json;
using MeshFed.Model.Binding;
using MeshFed.Model.Binding.Shapes;

namespace MeshFed.Model.Schema;

/// <summary>
/// Writes the manifest's JSON Schema (draft-07) from the binders' field tables, starting at
/// <see cref="MeshBinder.Document"/>: every <see cref="ObjectShape"/> becomes a definition, every
/// <see cref="Field"/> a property, and each rule says its bounds, pattern or words. A field added to a table
/// is in the schema with nothing else to change.
/// </summary>
internal sealed class ManifestSchemaWriter
{
    /// <summary>Where the schema is published (what editors cache it by).</summary>
    public const string Id = "https://meshfed.dev/schemas/v1alpha1/meshfed.schema.json";

    private const string MetaSchema = "http://json-schema.org/draft-07/schema#";
    private const string DurationDefinition = "duration";
    private const string DurationDescription = "A duration with unit ms, s, m or h, e.g. 250ms, 10s, 1m30s. Millisecond precision.";

    private readonly Dictionary<string, SchemaNode> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectShape> _shapes = new(StringComparer.Ordinal);

    /// <summary>The schema of <paramref name="document"/>, with every shape it reaches as a definition.</summary>
    public static SchemaNode Write(ObjectShape document)
    {
        var writer = new ManifestSchemaWriter();
        var root = writer.Object(document);
        return root with
        {
            MetaSchema = MetaSchema,
            Id = Id,
            Title = "meshfed FederatedMesh",
            Definitions = writer._definitions,
        };
    }

    private SchemaNode Object(ObjectShape shape)
    {
        var required = shape.Fields.Where(f => f.Need == FieldNeed.Required).Select(f => f.Name).ToList();
        var node = new SchemaNode
        {
            Description = shape.Description,
            Type = "object",
            AdditionalProperties = SchemaNode.Nothing,
            Properties = shape.Fields.ToDictionary(f => f.Name, Property, StringComparer.Ordinal),
            Required = required.Count > 0 ? required : null,
            MinProperties = shape.ExactlyOneField ? 1 : null,
            MaxProperties = shape.ExactlyOneField ? 1 : null,
            Not = shape.AtMostOneOf.Count > 1 ? new SchemaNode { AnyOf = [.. Pairs(shape.AtMostOneOf).Select(p => new SchemaNode { Required = p })] } : null,
        };
        if (shape.Shorthand is not { } shorthand)
            return node;
        return new SchemaNode
        {
            Description = shape.Description,
            OneOf = [Value(shorthand.Rule) with { Description = shorthand.Description }, node with { Description = null }],
        };
    }

    private SchemaNode Property(Field field)
    {
        var value = Value(field.Rule);
        if (field.Description is null)
            return value;
        // Beside $ref, draft-07 ignores every keyword, so such a description would vanish: say it on the shape.
        return value.Ref is null
            ? value with { Description = field.Description }
            : throw new InvalidOperationException($"'{field.Name}' refers to {value.Ref}; describe it there (ObjectShape.Description), not on the field.");
    }

    private SchemaNode Value(ValueRule rule) => rule switch
    {
        TextRule text => new SchemaNode { Type = "string", Pattern = text.Pattern, MinLength = text.MinLength, MaxLength = text.MaxLength },
        ConstRule constant => new SchemaNode { Const = JsonSerializer.SerializeToElement(constant.Value, SchemaJsonContext.Default.String) },
        LabelRule label => new SchemaNode { Type = "string", Pattern = label.Pattern, Description = label.Description },
        WholeNumberRule number => new SchemaNode { Type = "integer", Minimum = number.Min, Maximum = number.Max },
        NumberRule number => new SchemaNode { Type = "number", Minimum = number.Min, Maximum = number.Max },
        FlagRule { OnlyTrue: true } => new SchemaNode { Const = JsonSerializer.SerializeToElement(true, SchemaJsonContext.Default.Boolean) },
        FlagRule => new SchemaNode { Type = "boolean" },
        DurationRule => Reference(DurationDefinition, () => new SchemaNode
        {
            Description = DurationDescription,
            Type = "string",
            Pattern = DurationText.Pattern,
            Not = new SchemaNode { Pattern = DurationText.ZeroPattern },
        }),
        WordRule words => new SchemaNode { Enum = words.Words },
        ObjectShape shape => Shape(shape),
        ListRule list => List(list),
        MapRule map => new SchemaNode
        {
            Type = "object",
            PropertyNames = map.Key is null ? null : Value(map.Key),
            AdditionalProperties = Value(map.Value),
        },
        _ => throw new InvalidOperationException($"No JSON Schema is written for {rule.GetType().Name}."),
    };

    private SchemaNode Shape(ObjectShape shape)
    {
        if (_shapes.TryGetValue(shape.Definition, out var known) && !ReferenceEquals(known, shape))
            throw new InvalidOperationException($"Two field tables are named '{shape.Definition}'.");
        _shapes[shape.Definition] = shape;
        return Reference(shape.Definition, () => Object(shape));
    }

    private SchemaNode List(ListRule list) => new()
    {
        Type = "array",
        Items = Value(list.Item),
        MinItems = list.MinItems > 0 ? list.MinItems : null,
        MaxItems = list.MaxItems,
        UniqueItems = list.UniqueItems ? true : null,
        If = list.RequiredWhenSeveral is null ? null : new SchemaNode { MinItems = 2 },
        Then = list.RequiredWhenSeveral is null ? null : new SchemaNode { Items = new SchemaNode { Required = [list.RequiredWhenSeveral] } },
    };

    /// <summary>A $ref to the definition <paramref name="name"/>, written (once) by <paramref name="write"/>.</summary>
    private SchemaNode Reference(string name, Func<SchemaNode> write)
    {
        if (!_definitions.ContainsKey(name))
        {
            _definitions[name] = SchemaNode.Nothing; // taken, so a shape that contains itself refers to itself
            _definitions[name] = write();
        }
        return new SchemaNode { Ref = $"#/definitions/{name}" };
    }

    private static IEnumerable<IReadOnlyList<string>> Pairs(IReadOnlyList<string> names) =>
        from i in Enumerable.Range(0, names.Count)
        from j in Enumerable.Range(i + 1, names.Count - i - 1)
        select (IReadOnlyList<string>)[names[i], names[j]];
}
