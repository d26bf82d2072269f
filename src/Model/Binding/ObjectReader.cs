using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>
/// Reads one YAML mapping as one model object by its field table (<see cref="ObjectShape"/>): rejects fields the
/// table lacks (with a "did you mean"), reports missing required fields at the mapping, reads each value by the
/// field's rule (bounds, naming rule, words), and records where every field was written. A binder states no
/// bound or requiredness of its own: the table, which the JSON Schema is written from, is the one place.
/// </summary>
internal sealed class ObjectReader
{
    private readonly MappingNode _mapping;
    private readonly ObjectShape _shape;
    private readonly HashSet<string>? _misspelled;
    private HashSet<string>? _reportedNulls;

    private ObjectReader(BindContext context, MappingNode mapping, string path, ObjectShape shape, HashSet<string>? misspelled)
    {
        _misspelled = misspelled;
        _shape = shape;
        Context = context;
        _mapping = mapping;
        Path = path;
    }

    public BindContext Context { get; }

    /// <summary>The object's manifest path.</summary>
    public string Path { get; }

    /// <summary>What the object is, for messages ("a site").</summary>
    public string What => _shape.What;

    public SourceLocation Location => _mapping.Location;

    /// <summary>
    /// Opens <paramref name="node"/> as an object of <paramref name="shape"/>, or reports why it cannot be one.
    /// </summary>
    public static ObjectReader? Open(BindContext context, ManifestNode node, string path, ObjectShape shape)
    {
        var fields = shape.Names;
        var what = shape.What;
        if (node is not MappingNode mapping)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location,
                $"expected {what} (a mapping of fields), got {node.Describe()}",
                $"Write it as 'field: value' lines; fields of {what}: {string.Join(", ", fields)}.");
            return null;
        }
        // Fields that an unknown key probably meant: their "missing" error would only repeat the typo.
        HashSet<string>? misspelled = null;
        foreach (var entry in mapping.Entries)
        {
            if (!fields.Contains(entry.Key.Value))
            {
                context.Error(DiagnosticCodes.UnknownField, ManifestPath.Field(path, entry.Key.Value), entry.Key.Location,
                    $"unknown field '{entry.Key.Value}' in {what}", Suggestions.Hint(entry.Key.Value, fields, "fields"));
                if (Suggestions.Closest(entry.Key.Value, fields) is { } meant)
                    (misspelled ??= new HashSet<string>(StringComparer.Ordinal)).Add(meant);
            }
        }
        return new ObjectReader(context, mapping, path, shape, misspelled);
    }

    public string FieldPath(string key) => ManifestPath.Field(Path, key);

    public bool Has(string key) => Node(key) is not null;

    /// <summary>The fields of <paramref name="keys"/> that are given, in that order.</summary>
    public IReadOnlyList<string> Given(IEnumerable<string> keys) => [.. keys.Where(Has)];

    /// <summary>True when an unknown field of this object looks like a misspelling of <paramref name="key"/>.</summary>
    public bool IsMisspelled(string key) => _misspelled?.Contains(key) == true;

    /// <summary>
    /// The value node of a field, recording its location; null when absent. An explicit null
    /// (<c>field:</c> with nothing after it) is reported, as JSON Schema tooling would, and also gives null.
    /// </summary>
    public ManifestNode? Node(string key)
    {
        _ = _shape[key];
        if (_mapping.Find(key) is not { } entry)
            return null;
        if (entry.Value is ScalarNode { Kind: ScalarKind.Null })
        {
            if ((_reportedNulls ??= new HashSet<string>(StringComparer.Ordinal)).Add(key))
            {
                Context.Error(DiagnosticCodes.MissingField, FieldPath(key), entry.Key.Location, $"'{key}' has no value",
                    $"Give '{key}' a value, or remove the line.");
            }
            return null;
        }
        return entry.Value;
    }

    /// <summary>
    /// The value node of a field, reported missing when the table requires it (or <paramref name="requiredHere"/>,
    /// for a field whose need depends on its neighbours, as a target's weight in a split).
    /// </summary>
    public ManifestNode? Value(string key, bool requiredHere = false) =>
        _shape[key].IsRequired || requiredHere ? Required(key) : Node(key);

    /// <summary>The value node of a field that must be there; reports it missing otherwise.</summary>
    private ManifestNode? Required(string key)
    {
        var node = Node(key);
        if (node is null && !IsMisspelled(key) && _mapping.Find(key) is null)
        {
            Context.Error(DiagnosticCodes.MissingField, FieldPath(key), Location, $"{What} needs the field '{key}'",
                $"Add '{key}: ...' to {What}.");
        }
        return node;
    }

    public string? String(string key)
    {
        if (_shape[key].Rule is not (TextRule or ConstRule))
            throw Mismatch(key, "a string");
        return Read(key, (node, path) => Scalars.String(Context, node, path));
    }

    /// <summary>A name, checked by the field's naming rule (DNS label, version label, network name).</summary>
    public string? Label(string key)
    {
        var rule = Rule<LabelRule>(key);
        return Read(key, (node, path) => rule.Read(Context, node, path));
    }

    public int? Int(string key, bool requiredHere = false)
    {
        var rule = Rule<WholeNumberRule>(key);
        return ReadValue(key, requiredHere, (node, path) => Scalars.Int(Context, node, path, rule.Min, rule.Max));
    }

    public double? Double(string key)
    {
        var rule = Rule<NumberRule>(key);
        return ReadValue(key, false, (node, path) => Scalars.Double(Context, node, path, rule.Min, rule.Max));
    }

    public bool? Bool(string key)
    {
        if (Rule<FlagRule>(key).OnlyTrue)
            throw Mismatch(key, "true or false (it is a marker: read it with Marker)");
        return ReadValue(key, false, (node, path) => Scalars.Bool(Context, node, path));
    }

    /// <summary>
    /// A marker whose only meaning is true (<c>present: true</c>): true when given so, null when absent or
    /// refused; <c>false</c> is reported with <paramref name="hint"/>, as the schema refuses it too.
    /// </summary>
    public bool? Marker(string key, string hint)
    {
        if (!Rule<FlagRule>(key).OnlyTrue)
            throw Mismatch(key, "a marker");
        var value = ReadValue(key, false, (node, path) => Scalars.Bool(Context, node, path));
        if (value == false)
            Context.Error(DiagnosticCodes.InvalidValue, FieldPath(key), Node(key)!.Location, $"'{key}: false' is not supported", hint);
        return value == true ? true : null;
    }

    public TimeSpan? Duration(string key)
    {
        _ = Rule<DurationRule>(key);
        return ReadValue(key, false, (node, path) => Scalars.Duration(Context, node, path));
    }

    public TEnum? Enum<TEnum>(string key) where TEnum : struct, System.Enum
    {
        if (Rule<WordRule>(key).EnumType != typeof(TEnum))
            throw Mismatch(key, $"a {typeof(TEnum).Name}");
        return ReadValue(key, false, (node, path) => Scalars.Enum<TEnum>(Context, node, path));
    }

    /// <summary>A nested object; <paramref name="bind"/> gets null fields back as absent.</summary>
    public T? Object<T>(string key, Func<BindContext, ManifestNode, string, T?> bind) where T : class
    {
        _ = Rule<ObjectShape>(key);
        return Read(key, (node, path) =>
        {
            var value = bind(Context, node, path);
            if (value is not null)
                Context.Sources.AddOwner(value, path);
            return value;
        });
    }

    /// <summary>A list whose items are bound by <paramref name="item"/>; items that fail to bind are left out.</summary>
    public IReadOnlyList<T> List<T>(string key, Func<BindContext, ManifestNode, string, T?> item)
    {
        var rule = Rule<ListRule>(key);
        var node = Value(key);
        if (node is null)
            return [];
        var path = FieldPath(key);
        if (node is not SequenceNode sequence)
        {
            Context.Error(DiagnosticCodes.WrongType, path, node.Location, $"'{key}' must be a list, got {node.Describe()}",
                "Write the items as '- item' lines, or [a, b] on one line.");
            return [];
        }
        if (sequence.Items.Count < rule.MinItems)
        {
            Context.Error(DiagnosticCodes.MissingField, path, node.Location, $"'{key}' needs at least one item");
        }
        var items = new List<T>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = ManifestPath.Item(path, i);
            var value = item(Context, sequence.Items[i], itemPath);
            if (value is not null)
            {
                Context.Sources.AddOwner(value, itemPath);
                items.Add(value);
            }
        }
        return items;
    }

    /// <summary>A list of values (value types), e.g. durations or enum words.</summary>
    public IReadOnlyList<T> ValueList<T>(string key, Func<BindContext, ManifestNode, string, T?> item) where T : struct =>
        List<Box<T>>(key, (c, n, p) => item(c, n, p) is { } v ? new Box<T>(v) : null).Select(b => b.Value).ToList();

    /// <summary>A list of an enum's words.</summary>
    public IReadOnlyList<TEnum> EnumList<TEnum>(string key) where TEnum : struct, System.Enum
    {
        if (Rule<ListRule>(key).Item is not WordRule { } words || words.EnumType != typeof(TEnum))
            throw Mismatch(key, $"a list of {typeof(TEnum).Name}");
        return ValueList(key, Scalars.Enum<TEnum>);
    }

    private TRule Rule<TRule>(string key) where TRule : ValueRule =>
        _shape[key].Rule as TRule ?? throw Mismatch(key, typeof(TRule).Name);

    private InvalidOperationException Mismatch(string key, string readAs) =>
        new($"The field table '{_shape.Definition}' declares '{key}' as {_shape[key].Rule.GetType().Name}; the binder reads it as {readAs}.");

    private T? Read<T>(string key, Func<ManifestNode, string, T?> read) where T : class
    {
        var node = Value(key);
        return node is null ? null : read(node, FieldPath(key));
    }

    private T? ReadValue<T>(string key, bool requiredHere, Func<ManifestNode, string, T?> read) where T : struct
    {
        var node = Value(key, requiredHere);
        return node is null ? null : read(node, FieldPath(key));
    }

    private sealed record Box<T>(T Value);
}
