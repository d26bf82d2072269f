using System.Globalization;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Reads typed values from scalar nodes; every rejection names the value and the fix.</summary>
internal static class Scalars
{
    public static string? String(BindContext context, ManifestNode node, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.String } scalar)
            return scalar.Value;
        if (node is ScalarNode other)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location, $"expected a string, got {other.Describe()}",
                $"YAML reads an unquoted {other.Value} as a {(other.Kind == ScalarKind.Boolean ? "boolean" : "number")}; quote it: \"{other.Value}\".");
            return null;
        }
        context.Error(DiagnosticCodes.WrongType, path, node.Location, $"expected a string, got {node.Describe()}");
        return null;
    }

    public static string? DnsLabel(BindContext context, ManifestNode node, string path)
    {
        var value = String(context, node, path);
        if (value is null)
            return null;
        if (Names.IsDnsLabel(value))
            return value;
        context.Error(DiagnosticCodes.InvalidName, path, node.Location, $"'{Truncate(value)}' is not a valid name",
            $"Use at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit{Names.SuggestLabel(value)}.");
        return null;
    }

    public static string? VersionLabel(BindContext context, ManifestNode node, string path)
    {
        var value = String(context, node, path);
        if (value is null || Names.IsVersionLabel(value))
            return value;
        context.Error(DiagnosticCodes.InvalidName, path, node.Location, $"'{Truncate(value)}' is not a valid version",
            $"Use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. v2, 2024-11){Names.SuggestLabel(value)}.");
        return null;
    }

    public static string? NetworkName(BindContext context, ManifestNode node, string path)
    {
        var value = String(context, node, path);
        if (value is null || Names.IsNetworkName(value))
            return value;
        context.Error(DiagnosticCodes.InvalidName, path, node.Location, $"'{Truncate(value)}' is not a valid network name",
            "Use at most 63 letters, digits, '.', '_' and '-', starting and ending with a letter or digit.");
        return null;
    }

    public static int? Int(BindContext context, ManifestNode node, string path, int min, int max)
    {
        if (node is not ScalarNode { Kind: ScalarKind.Integer } scalar)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location, $"expected a whole number, got {node.Describe()}",
                node is ScalarNode { Kind: ScalarKind.String } s && long.TryParse(s.Value, out _) ? $"Remove the quotes: {s.Value}." : null);
            return null;
        }
        if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            context.Error(DiagnosticCodes.OutOfRange, path, node.Location, $"{Truncate(scalar.Value)} is out of range", $"Use a number from {min} to {max}.");
            return null;
        }
        return (int)value;
    }

    public static double? Double(BindContext context, ManifestNode node, string path, double min, double max)
    {
        if (node is not ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } scalar
            || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location, $"expected a number, got {node.Describe()}");
            return null;
        }
        if (!(value >= min && value <= max))
        {
            context.Error(DiagnosticCodes.OutOfRange, path, node.Location, $"{scalar.Value} is out of range", $"Use a number from {min} to {max}.");
            return null;
        }
        return value;
    }

    public static bool? Bool(BindContext context, ManifestNode node, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.Boolean } scalar)
            return CoreSchema.IsTrue(scalar.Value);
        context.Error(DiagnosticCodes.WrongType, path, node.Location, $"expected true or false, got {node.Describe()}");
        return null;
    }

    public static TimeSpan? Duration(BindContext context, ManifestNode node, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.Integer } number)
        {
            context.Error(DiagnosticCodes.InvalidDuration, path, node.Location, $"{number.Value} has no unit",
                $"Write a duration with a unit: '{number.Value}s' or '{number.Value}ms'.");
            return null;
        }
        var text = String(context, node, path);
        if (text is null)
            return null;
        if (DurationText.TryParse(text, out var value, out var error))
            return value;
        context.Error(DiagnosticCodes.InvalidDuration, path, node.Location, $"'{Truncate(text)}' {error}",
            "Write durations like 250ms, 10s, 1m30s or 2h.");
        return null;
    }

    public static TEnum? Enum<TEnum>(BindContext context, ManifestNode node, string path) where TEnum : struct, System.Enum
    {
        string? text = node is ScalarNode { Kind: not ScalarKind.String } other ? other.Value : String(context, node, path);
        if (text is null)
            return null;
        if (node is ScalarNode { Kind: ScalarKind.String } && WireNames<TEnum>.TryParse(text, out var value))
            return value;
        var allowed = WireNames<TEnum>.All;
        var hint = WireNames<TEnum>.TryParse(text, out _)
            ? $"Quote it: \"{text}\"."
            : Suggestions.Closest(text, allowed) is { } closest ? $"Did you mean '{closest}'?" : "Use one of the listed words, spelled exactly.";
        context.Error(DiagnosticCodes.InvalidEnum, path, node.Location, $"'{Truncate(text)}' is not one of {string.Join(", ", allowed)}", hint);
        return null;
    }

    /// <summary>Keeps echoed user input short in messages (a 20 MB scalar must not be printed back).</summary>
    public static string Truncate(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
