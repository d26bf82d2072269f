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
        using var document = JsonDocument.Parse(JsonTree.Utf8(node));
        WriteValue(builder, document.RootElement, indent: 0, inSequence: false);
        return builder.ToString();
    }

    /// <summary>
    /// Appends the YAML document of <paramref name="resource"/> to <paramref name="builder"/>: the text of
    /// <c>Write(resource.ToJson())</c>, read from the spec's UTF-8 without building a tree of it (render writes
    /// every object of a site, 26,000 of them at 10,000 services; bench/README.md, "Seventh session").
    /// </summary>
    public static void Write(StringBuilder builder, KubernetesObject resource)
    {
        // The JSON is the program's own: read in place with pooled buffers, given back once the spec is written. Read
        // before anything is appended, so that a spec that cannot be read leaves the builder as it was.
        using var spec = JsonDocument.Parse(resource.SpecUtf8Json());
        // The envelope (KubernetesObject.Head: apiVersion, kind, metadata) written as WriteValue writes it, from the
        // object's fields: no JSON object, UTF-8 copy and parse of it per object written (at 10,000 services ~80 MB a
        // stream, on a thread beside the analysis whose collections pause it too). YamlWriterTests hold it to the text of
        // Write(resource.ToJson()), whose envelope is KubernetesObject.Head.
        builder.Append("apiVersion: ").Append(Scalar(resource.ApiVersion)).Append('\n');
        builder.Append("kind: ").Append(Scalar(resource.Kind)).Append('\n');
        builder.Append("metadata:\n");
        builder.Append("  name: ").Append(Scalar(resource.Name)).Append('\n');
        if (resource.Namespace is not null)
            builder.Append("  namespace: ").Append(Scalar(resource.Namespace)).Append('\n');
        builder.Append("  labels:");
        if (resource.Labels.Count == 0)
            builder.Append(" {}\n");
        else
        {
            builder.Append('\n');
            foreach (var (key, value) in resource.MetadataLabels())
                builder.Append("    ").Append(Scalar(key)).Append(": ").Append(Scalar(value)).Append('\n');
        }
        builder.Append(KubernetesObject.SpecKey).Append(':');
        WriteChild(builder, spec.RootElement, indent: 0);
    }

    private static void WriteValue(StringBuilder builder, JsonElement node, int indent, bool inSequence)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object when !IsEmpty(node):
                var first = true;
                foreach (var property in node.EnumerateObject())
                {
                    if (!(first && inSequence))
                        builder.Append(' ', indent);
                    first = false;
                    builder.Append(Scalar(property.Name)).Append(':');
                    WriteChild(builder, property.Value, indent);
                }
                break;
            case JsonValueKind.Array when node.GetArrayLength() > 0:
                var firstItem = true;
                foreach (var item in node.EnumerateArray())
                {
                    if (!(inSequence && firstItem))
                        builder.Append(' ', indent);
                    firstItem = false;
                    builder.Append("- ");
                    if (IsCollection(item))
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

    private static void WriteChild(StringBuilder builder, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when !IsEmpty(value):
                builder.Append('\n');
                WriteValue(builder, value, indent + 2, inSequence: false);
                break;
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                builder.Append('\n');
                WriteValue(builder, value, indent, inSequence: false);
                break;
            default:
                builder.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static bool IsEmpty(JsonElement obj)
    {
        using var properties = obj.EnumerateObject();
        return !properties.MoveNext();
    }

    // A non-empty object or list: written as a block below its key or dash.
    private static bool IsCollection(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => !IsEmpty(node),
        JsonValueKind.Array => node.GetArrayLength() > 0,
        _ => false,
    };

    private static string Inline(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        JsonValueKind.String => Scalar(node.GetString()!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => node.GetRawText(), // numbers: JSON and YAML spell them alike
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
        if (!(char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.'))
            return false;
        foreach (var c in text) // a loop, not All: every scalar of every object written asks
        {
            if (!(char.IsAsciiHexDigit(c) || c is '_' or ':' or '.' or '+' or '-' or 'x' or 'X' or 'o' or 'O'))
                return false;
        }
        return true;
    }

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || CoreSchema.ResolvePlain(text) != ScalarKind.String || IsYaml11NonString(text))
            return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(text[0]) || text[0] == ' ' || text[^1] == ' ')
            return true;
        return text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal)
            || text.EndsWith(':') || text.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || text.Contains('\u007f');
    }
}
