using System.Text.Encodings.Web;
using System.Text.Json;
using MeshFed.Model.Binding;

namespace MeshFed.Model.Schema;

/// <summary>
/// The manifest's JSON Schema (draft-07) for editors and other tools, written from the binders' field tables
/// (<see cref="ManifestSchemaWriter"/>). <c>schemas/meshfed.schema.json</c> is this text, checked in for tools
/// that read the file; a golden test fails when the two differ.
/// </summary>
public static class ManifestSchema
{
    private static readonly Lazy<string> s_json = new(Write);

    /// <summary>The schema text: indented by two, '\n' line ends, a final newline.</summary>
    public static string Json => s_json.Value;

    private static string Write()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            // Patterns stay readable ('+', '&', '`' as typed, not \u002B); the text is a file, never HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            JsonSerializer.Serialize(writer, ManifestSchemaWriter.Write(MeshBinder.Document), SchemaJsonContext.Default.SchemaNode);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
