using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>
/// Where each manifest path was written. The model's records stay free of positions (they are compared
/// and translated); anything that reports on the model asks this map where to point the user. Paths are
/// resolved on demand by walking the (merged) document, so a valid manifest pays nothing for positions.
/// </summary>
public sealed class SourceMap
{
    private readonly ManifestNode? _root;
    private readonly Dictionary<object, string> _paths = new(ReferenceEqualityComparer.Instance);

    /// <summary>A map over a document; <paramref name="root"/> is null for models built in code.</summary>
    public SourceMap(ManifestNode? root = null) => _root = root;

    /// <summary>Records the path a bound record came from (the first record wins).</summary>
    internal void AddOwner(object record, string path) => _paths.TryAdd(record, path);

    /// <summary>
    /// The manifest path a bound record (site, service, deployment, route, target, rule...) came from.
    /// Lists drop items that fail to bind, so a record's index in the model is not its index in the file.
    /// </summary>
    public string PathOf(object record) => _paths.TryGetValue(record, out var path) ? path : "";

    /// <summary>Where <paramref name="path"/> (or its nearest written ancestor) was written.</summary>
    public SourceLocation? Locate(string path)
    {
        var node = _root;
        if (node is null)
            return null;
        var rest = path.AsSpan();
        while (rest.Length > 0)
        {
            ManifestNode? next;
            if (rest[0] == '[')
            {
                var close = rest.IndexOf(']');
                if (close < 0 || !int.TryParse(rest[1..close], out var index) || node is not SequenceNode sequence || index >= sequence.Items.Count)
                    break;
                next = sequence.Items[index];
                rest = rest[(close + 1)..];
            }
            else
            {
                if (rest[0] == '.')
                    rest = rest[1..];
                var end = rest.IndexOfAny('.', '[');
                var field = end < 0 ? rest : rest[..end];
                next = node is MappingNode mapping ? mapping.Find(field.ToString())?.Value : null;
                if (next is null)
                    break;
                rest = end < 0 ? [] : rest[end..];
            }
            node = next;
        }
        return node.Location;
    }
}
