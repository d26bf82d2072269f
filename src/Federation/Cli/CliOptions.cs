using System.CommandLine;

namespace MeshFed.Federation.Cli;

/// <summary>Option shapes several commands share.</summary>
internal static class CliOptions
{
    /// <summary>An option that takes one of <paramref name="allowed"/> (any other value is a usage error listing them), with a default.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, IReadOnlyList<string> allowed)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong([.. allowed]);
        return option;
    }

    /// <summary>Help text for alternatives: <c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    public static string Alternatives(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Join("", items) : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];
}
