namespace MeshFed.Model.Schema;

/// <summary>The manifest's JSON Schema (draft-07), shipped inside the assembly so the CLI needs no files.</summary>
public static class ManifestSchema
{
    private static readonly Lazy<string> s_json = new(Load);

    /// <summary>The schema text, exactly as committed in <c>schemas/meshfed.schema.json</c>.</summary>
    public static string Json => s_json.Value;

    private static string Load()
    {
        using var stream = typeof(ManifestSchema).Assembly.GetManifestResourceStream("MeshFed.Model.meshfed.schema.json")
            ?? throw new InvalidOperationException("The JSON Schema resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
