namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// Label and header maps as the API writes them (<c>map&lt;string, string&gt;</c>): in the order given, so the
/// rendered files are byte-stable, and a repeated key keeps its first place and its last value.
/// </summary>
public static class Labels
{
    /// <summary>A map of <paramref name="pairs"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(params ReadOnlySpan<(string Key, string Value)> pairs)
    {
        var map = new OrderedDictionary<string, string>(pairs.Length, StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
            map[key] = value;
        return map;
    }
}
