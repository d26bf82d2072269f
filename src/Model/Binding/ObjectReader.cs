using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>
/// Reads one YAML mapping as one model object: rejects fields it does not know (with a "did you mean"),
/// reports missing required fields at the mapping, and records where every field was written.
/// </summary>
internal sealed class ObjectReader
{
    private readonly MappingNode _mapping;
    private readonly HashSet<string>? _misspelled;
    private HashSet<string>? _reportedNulls;

    private ObjectReader(BindContext context, MappingNode mapping, string path, string what, HashSet<string>? misspelled)
    {
        _misspelled = misspelled;
        Context = context;
        _mapping = mapping;
        Path = path;
        What = what;
    }

    public BindContext Context { get; }

    /// <summary>The object's manifest path.</summary>
    public string Path { get; }

    /// <summary>What the object is, for messages ("a site").</summary>
    public string What { get; }

    public SourceLocation Location => _mapping.Location;

    /// <summary>
    /// Opens <paramref name="node"/> as an object with the given fields, or reports why it cannot be one.
    /// </summary>
    public static ObjectReader? Open(BindContext context, ManifestNode node, string path, string what, IReadOnlyCollection<string> fields)
    {
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
        return new ObjectReader(context, mapping, path, what, misspelled);
    }

    public string FieldPath(string key) => ManifestPath.Field(Path, key);

    public bool Has(string key) => Node(key) is not null;

    /// <summary>True when an unknown field of this object looks like a misspelling of <paramref name="key"/>.</summary>
    public bool IsMisspelled(string key) => _misspelled?.Contains(key) == true;

    /// <summary>
    /// The value node of a field, recording its location; null when absent. An explicit null
    /// (<c>field:</c> with nothing after it) is reported, as JSON Schema tooling would, and also gives null.
    /// </summary>
    public ManifestNode? Node(string key)
    {
        var entry = _mapping.Find(key);
        if (entry is null)
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

    /// <summary>The value node of a required field; reports it missing otherwise.</summary>
    public ManifestNode? Required(string key, string? hint = null)
    {
        var node = Node(key);
        if (node is null && !IsMisspelled(key) && _mapping.Find(key) is null)
        {
            Context.Error(DiagnosticCodes.MissingField, FieldPath(key), Location, $"{What} needs the field '{key}'",
                hint ?? $"Add '{key}: ...' to {What}.");
        }
        return node;
    }

    public string? String(string key, bool required = false) =>
        Read(key, required, (node, path) => Scalars.String(Context, node, path));

    public string? Name(string key, bool required = false) =>
        Read(key, required, (node, path) => Scalars.DnsLabel(Context, node, path));

    public string? Version(string key, bool required = false) =>
        Read(key, required, (node, path) => Scalars.VersionLabel(Context, node, path));

    public int? Int(string key, int min, int max, bool required = false) =>
        ReadValue(key, required, (node, path) => Scalars.Int(Context, node, path, min, max));

    public double? Double(string key, double min, double max, bool required = false) =>
        ReadValue(key, required, (node, path) => Scalars.Double(Context, node, path, min, max));

    public bool? Bool(string key) => ReadValue(key, false, (node, path) => Scalars.Bool(Context, node, path));

    public TimeSpan? Duration(string key, bool required = false) =>
        ReadValue(key, required, (node, path) => Scalars.Duration(Context, node, path));

    public TEnum? Enum<TEnum>(string key, bool required = false) where TEnum : struct, System.Enum =>
        ReadValue(key, required, (node, path) => Scalars.Enum<TEnum>(Context, node, path));

    /// <summary>A nested object; <paramref name="bind"/> gets null fields back as absent.</summary>
    public T? Object<T>(string key, Func<BindContext, ManifestNode, string, T?> bind, bool required = false) where T : class =>
        Read(key, required, (node, path) =>
        {
            var value = bind(Context, node, path);
            if (value is not null)
                Context.Sources.AddOwner(value, path);
            return value;
        });

    /// <summary>A list whose items are bound by <paramref name="item"/>; items that fail to bind are left out.</summary>
    public IReadOnlyList<T> List<T>(string key, Func<BindContext, ManifestNode, string, T?> item, bool required = false, bool nonEmpty = false)
    {
        var node = required ? Required(key) : Node(key);
        if (node is null)
            return [];
        var path = FieldPath(key);
        if (node is not SequenceNode sequence)
        {
            Context.Error(DiagnosticCodes.WrongType, path, node.Location, $"'{key}' must be a list, got {node.Describe()}",
                "Write the items as '- item' lines, or [a, b] on one line.");
            return [];
        }
        if (nonEmpty && sequence.Items.Count == 0)
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

    private T? Read<T>(string key, bool required, Func<ManifestNode, string, T?> read) where T : class
    {
        var node = required ? Required(key) : Node(key);
        return node is null ? null : read(node, FieldPath(key));
    }

    private T? ReadValue<T>(string key, bool required, Func<ManifestNode, string, T?> read) where T : struct
    {
        var node = required ? Required(key) : Node(key);
        return node is null ? null : read(node, FieldPath(key));
    }

    private sealed record Box<T>(T Value);
}
