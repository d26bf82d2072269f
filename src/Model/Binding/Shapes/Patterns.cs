using System.Text.RegularExpressions;

namespace MeshFed.Model.Binding.Shapes;

/// <summary>Builds JSON Schema patterns from the model's pattern constants, so a rule is written once.</summary>
internal static class Patterns
{
    /// <summary>The pattern of exactly <paramref name="text"/>.</summary>
    public static string Exactly(string text) => $"^{Regex.Escape(text)}$";

    /// <summary>A pattern matching what any of the anchored <paramref name="patterns"/> matches.</summary>
    public static string Either(params string[] patterns) => $"^({string.Join('|', patterns.Select(Unanchored))})$";

    /// <summary><paramref name="pattern"/> without its ^ and $ (for composing).</summary>
    public static string Unanchored(string pattern) =>
        pattern.StartsWith('^') && pattern.EndsWith('$') ? pattern[1..^1] : throw new ArgumentException($"'{pattern}' is not anchored.", nameof(pattern));
}
