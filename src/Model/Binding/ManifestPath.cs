namespace MeshFed.Model.Binding;

/// <summary>Builds the dotted paths diagnostics use: <c>spec.services[0].traffic.routes[1]</c>.</summary>
public static class ManifestPath
{
    /// <summary>The path of a field below <paramref name="parent"/>.</summary>
    public static string Field(string parent, string field) => parent.Length == 0 ? field : $"{parent}.{field}";

    /// <summary>The path of a list item below <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The index of the last list item in a path (<c>a.b[3]</c> → 3), or -1.</summary>
    public static int LastIndex(string path)
    {
        if (!path.EndsWith(']'))
            return -1;
        var open = path.LastIndexOf('[');
        return int.TryParse(path.AsSpan(open + 1, path.Length - open - 2), out var index) ? index : -1;
    }
}
