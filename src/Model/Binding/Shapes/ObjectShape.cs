namespace MeshFed.Model.Binding.Shapes;

/// <summary>
/// The field table of one manifest object: <see cref="ObjectReader"/> accepts exactly these fields and reads
/// each by its <see cref="Field"/>, and the JSON Schema definition <see cref="Definition"/> is written from it.
/// </summary>
internal sealed record ObjectShape : ValueRule
{
    private readonly Dictionary<string, Field> _byName;

    public ObjectShape(string definition, string what, IReadOnlyList<Field> fields)
    {
        Definition = definition;
        What = what;
        Fields = fields;
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        Names = [.. fields.Select(f => f.Name)];
    }

    /// <summary>The name of the schema definition (<c>#/definitions/site</c>).</summary>
    public string Definition { get; }

    /// <summary>What the object is, for messages ("a site").</summary>
    public string What { get; }

    /// <summary>The fields, in the order the schema lists them.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The field names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>What the object is for, in the schema.</summary>
    public string? Description { get; init; }

    /// <summary>The object names exactly one of its fields (a discovery method, a match condition).</summary>
    public bool ExactlyOneField { get; init; }

    /// <summary>Fields of which at most one may be given (the path conditions of a match).</summary>
    public IReadOnlyList<string> AtMostOneOf { get; init; } = [];

    /// <summary>A scalar accepted instead of the mapping (<c>loadBalancer: least-request</c>), and what it means.</summary>
    public (ValueRule Rule, string? Description)? Shorthand { get; init; }

    /// <summary>The field named <paramref name="name"/>; a binder asking for a field its table lacks is a bug.</summary>
    public Field this[string name] => _byName.TryGetValue(name, out var field)
        ? field
        : throw new InvalidOperationException($"The field table '{Definition}' has no field '{name}'.");
}
