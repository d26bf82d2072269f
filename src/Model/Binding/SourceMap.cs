using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Binding;

/// <summary>
/// Where each manifest path was written. The model's records stay free of positions (they are compared
/// and translated); anything that reports on the model asks this map where to point the user.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);
    private readonly Dictionary<object, string> _paths = new(ReferenceEqualityComparer.Instance);

    /// <summary>An empty map (for models built in code).</summary>
    public static SourceMap Empty { get; } = new();

    /// <summary>Records where a path was written (the first record wins).</summary>
    internal void Add(string path, SourceLocation location) => _locations.TryAdd(path, location);

    /// <summary>Records the path a bound record came from (the first record wins).</summary>
    internal void AddOwner(object record, string path) => _paths.TryAdd(record, path);

    /// <summary>
    /// The manifest path a bound record (site, service, deployment, route, target, rule...) came from.
    /// Lists drop items that fail to bind, so a record's index in the model is not its index in the file.
    /// </summary>
    public string PathOf(object record) => _paths.TryGetValue(record, out var path) ? path : "";

    /// <summary>Where <paramref name="path"/> (or its nearest recorded ancestor) was written.</summary>
    public SourceLocation? Locate(string path)
    {
        var current = path;
        while (true)
        {
            if (_locations.TryGetValue(current, out var location))
                return location;
            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
                return _locations.GetValueOrDefault("");
            current = current[..cut];
        }
    }
}
