using System.Text.Json;
using Json.Schema;
using MeshFed.Model.Loading;
using MeshFed.Model.Schema;
using MeshFed.Tests.Shared;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MeshFed.Model.Tests;

/// <summary>
/// The committed JSON Schema (what editors check as people type) and the loader agree: every example passes
/// both, every structural mistake fails both, and semantic mistakes, which a schema cannot see, pass the
/// schema (so the schema is not stricter than the tool). The YAML is turned into JSON by YamlDotNet's own
/// deserializer, not by our loader, so the two sides share no code.
/// </summary>
public class SchemaAgreementTests
{
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromText(File.ReadAllText(RepoPaths.Of("schemas/meshfed.schema.json"))));

    private static readonly IDeserializer s_yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();

    [Fact]
    public void EmbeddedSchema_IsTheCommittedFile()
    {
        Assert.Equal(File.ReadAllText(RepoPaths.Of("schemas/meshfed.schema.json")), ManifestSchema.Json);
    }

    [Theory]
    [MemberData(nameof(Corpus.ExampleFileData), MemberType = typeof(Corpus))]
    public void ExampleFile_PassesTheSchema(string relativePath)
    {
        var errors = SchemaErrors(RepoPaths.Of(relativePath));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Corpus.InvalidData), MemberType = typeof(Corpus))]
    public void InvalidManifest_SchemaAndLoaderAgree(string name)
    {
        var @case = InvalidCase.Named(name);

        var schemaErrors = SchemaErrors(@case.Path);
        var loaderValid = ManifestLoader.Load(@case.Path).IsValid;

        Assert.False(loaderValid);
        if (@case.Structural)
            Assert.True(schemaErrors.Count > 0, $"{name}: the loader rejects it, the schema accepts it");
        else
            Assert.True(schemaErrors.Count == 0, $"{name} is only semantically wrong, but the schema rejects it:\n{string.Join("\n", schemaErrors)}");
    }

    [Fact]
    public void Schema_DescribesEveryEnumWordOfTheModel()
    {
        var text = ManifestSchema.Json;
        var words = WireNames<CloudProvider>.All.Concat(WireNames<MeshKind>.All).Concat(WireNames<GatewayPlatform>.All).Concat(WireNames<ServiceProtocol>.All)
            .Concat(WireNames<RetryCondition>.All).Concat(WireNames<LoadBalancingAlgorithm>.All).Concat(WireNames<MtlsMode>.All)
            .Concat(WireNames<MetricsSink>.All).Concat(WireNames<TraceSink>.All).Concat(WireNames<StringMatchKind>.All)
            .Concat(WireNames<PathMatchKind>.All);
        var missing = words.Where(w => !text.Contains($"\"{w}\"", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "missing from the schema: " + string.Join(", ", missing));
    }

    private static List<string> SchemaErrors(string yamlFile)
    {
        var documents = new List<string>();
        using (var reader = new StringReader(File.ReadAllText(yamlFile)))
        {
            var parser = new Parser(reader);
            parser.Consume<YamlDotNet.Core.Events.StreamStart>();
            while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            {
                var value = s_yaml.Deserialize<object?>(parser);
                documents.Add(JsonSerializer.Serialize(value));
            }
        }
        var errors = new List<string>();
        foreach (var json in documents)
        {
            using var document = JsonDocument.Parse(json);
            var result = s_schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                errors.AddRange((result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
                if (errors.Count == 0)
                    errors.Add("invalid");
            }
        }
        return errors;
    }
}
