using System.Reflection;

namespace MeshFed.Model;

/// <summary>Maps an enum to and from its manifest words, read once from <see cref="WireNameAttribute"/>.</summary>
public static class WireNames<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> s_byName = BuildByName();
    private static readonly Dictionary<TEnum, string> s_byValue = s_byName.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Every accepted word, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. s_byName.Keys];

    /// <summary>The enum value for a manifest word, if it is one.</summary>
    public static bool TryParse(string name, out TEnum value) => s_byName.TryGetValue(name, out value);

    /// <summary>The manifest word for a value.</summary>
    public static string Of(TEnum value) => s_byValue[value];

    private static Dictionary<string, TEnum> BuildByName()
    {
        var map = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<WireNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{field.Name} has no [WireName].");
            map.Add(name, (TEnum)field.GetValue(null)!);
        }
        return map;
    }
}
