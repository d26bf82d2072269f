using System.Text.RegularExpressions;

namespace MeshFed.Model.Yaml;

/// <summary>
/// Resolves plain scalars the way the YAML 1.2 core schema does, which is also how JSON Schema tooling
/// (editors, yaml-language-server) types them. Quoted and block scalars are always strings.
/// </summary>
public static partial class CoreSchema
{
    /// <summary>The type of a plain (unquoted) scalar.</summary>
    public static ScalarKind ResolvePlain(string value)
    {
        if (value.Length == 0 || value is "~" or "null" or "Null" or "NULL")
            return ScalarKind.Null;
        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
            return ScalarKind.Boolean;
        // Cheap first-character test keeps the regexes off the common path (names, hosts, paths).
        var first = value[0];
        if (!(char.IsAsciiDigit(first) || first is '-' or '+' or '.'))
            return ScalarKind.String;
        if (IntegerPattern().IsMatch(value))
            return ScalarKind.Integer;
        if (FloatPattern().IsMatch(value))
            return ScalarKind.Float;
        return ScalarKind.String;
    }

    /// <summary>True for the spellings of <c>true</c>.</summary>
    public static bool IsTrue(string value) => value is "true" or "True" or "TRUE";

    // \z, not $: .NET's $ also matches before a final "\n"; the core schema's tag resolution regexes match the whole scalar
    // (YAML 1.2.2, section 10.3.2, https://yaml.org/spec/1.2.2/#1032-tag-resolution).
    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
