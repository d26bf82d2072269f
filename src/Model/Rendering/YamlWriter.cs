using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Rendering;

/// <summary>
/// Writes JSON trees as block-style YAML the way people write Kubernetes manifests (every adapter that emits
/// Kubernetes resources uses it). Strings that YAML
/// would read as something else (<c>"true"</c>, <c>"8080"</c>, <c>"*"</c>) are quoted; nothing else is.
/// Same tree, same bytes.
/// </summary>
public static class YamlWriter
{
    /// <summary>One YAML document for <paramref name="node"/>.</summary>
    public static string Write(JsonNode node)
    {
        var builder = new StringBuilder();
        WriteValue(builder, node, indent: 0, inSequence: false);
        return builder.ToString();
    }

    /// <summary>
    /// Appends the YAML document of <paramref name="resource"/> to <paramref name="builder"/>: the text of
    /// <c>Write(resource.ToJson())</c>, without copying the spec into a new tree first (render writes every
    /// object of a site, 25,000 of them at 10,000 services; bench/README.md, "Scale of the control side").
    /// </summary>
    public static void Write(StringBuilder builder, KubernetesObject resource)
    {
        WriteValue(builder, resource.Head(), indent: 0, inSequence: false);
        builder.Append(Scalar(KubernetesObject.SpecKey)).Append(':');
        WriteChild(builder, resource.SpecToWrite(), indent: 0);
    }

    private static void WriteValue(StringBuilder builder, JsonNode? node, int indent, bool inSequence)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!(first && inSequence))
                        builder.Append(' ', indent);
                    first = false;
                    builder.Append(Scalar(key)).Append(':');
                    WriteChild(builder, value, indent);
                }
                break;
            case JsonArray array when array.Count > 0:
                foreach (var item in array)
                {
                    if (!(inSequence && item == array[0]))
                        builder.Append(' ', indent);
                    builder.Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                        WriteValue(builder, item, indent + 2, inSequence: true);
                    else
                        builder.Append(Inline(item)).Append('\n');
                }
                break;
            default:
                builder.Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder builder, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 }:
                builder.Append('\n');
                WriteValue(builder, value, indent + 2, inSequence: false);
                break;
            case JsonArray { Count: > 0 }:
                builder.Append('\n');
                WriteValue(builder, value, indent, inSequence: false);
                break;
            default:
                builder.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Scalar(value.GetValue<string>()),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "true" : "false",
        _ => node.ToJsonString(), // numbers: JSON and YAML spell them alike
    };

    /// <summary>A string as a YAML scalar: plain when YAML reads it back as the same string, else double-quoted.</summary>
    public static string Scalar(string text) => NeedsQuotes(text) ? JsonSerializer.Serialize(text) : text;

    /// <summary>
    /// Kubernetes reads YAML 1.1, where <c>yes</c>, <c>off</c>, <c>y</c>, <c>1_000</c> and <c>1:20</c> are not
    /// strings. Anything number-like or boolean-like in either version is quoted.
    /// </summary>
    private static bool IsYaml11NonString(string text)
    {
        if (text is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
            or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "=" or "<<")
            return true;
        return (char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.')
            && text.All(c => char.IsAsciiHexDigit(c) || c is '_' or ':' or '.' or '+' or '-' or 'x' or 'X' or 'o' or 'O');
    }

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || CoreSchema.ResolvePlain(text) != ScalarKind.String || IsYaml11NonString(text))
            return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(text[0]) || text[0] == ' ' || text[^1] == ' ')
            return true;
        return text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal)
            || text.EndsWith(':') || text.Any(c => c < ' ' || c == '\u007f');
    }
}
