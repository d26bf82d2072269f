using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeshFed.Model.Schema;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MeshFed.Model.Tests.Schema;

/// <summary>
/// Evaluates manifests against the generated schema with JsonSchema.Net, after YamlDotNet (not our loader)
/// has turned the YAML into JSON, so the schema side shares no reading code with the loader.
/// </summary>
public static class SchemaEvaluation
{
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromText(ManifestSchema.Json));

    private static readonly IDeserializer s_yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();

    /// <summary>Each YAML document of <paramref name="yamlText"/> as JSON.</summary>
    public static IReadOnlyList<JsonNode> Documents(string yamlText)
    {
        var documents = new List<JsonNode>();
        using var reader = new StringReader(yamlText);
        var parser = new Parser(reader);
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            documents.Add(JsonNode.Parse(JsonSerializer.Serialize(s_yaml.Deserialize<object?>(parser)))!);
        return documents;
    }

    /// <summary>The schema's errors for one document (empty when it passes).</summary>
    public static List<string> Errors(JsonNode document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        var result = s_schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
            return [];
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
        return errors.Count > 0 ? errors : ["invalid"];
    }
}
