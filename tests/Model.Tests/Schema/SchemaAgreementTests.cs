using MeshFed.Model.Loading;
using MeshFed.Model.Schema;
using MeshFed.Model.Tests.Schema;
using MeshFed.Tests.Shared;

namespace MeshFed.Model.Tests;

/// <summary>
/// The JSON Schema written from the binders' field tables (what editors check as people type) and the loader
/// agree: every example passes both, every structural mistake fails both, and semantic mistakes, which a
/// schema cannot see, pass the schema (so the schema is not stricter than the tool). The YAML is turned into
/// JSON by YamlDotNet's own deserializer, not by our loader, and the schema is evaluated by JsonSchema.Net, so
/// the two sides share no reading code.
/// </summary>
public class SchemaAgreementTests
{
    // Tools and editors read the checked-in file; update it with MESHFED_UPDATE_GOLDEN=1 and review the diff.
    [Fact]
    public void GeneratedSchema_IsTheCommittedFile()
    {
        GoldenFolder.AssertMatches(RepoPaths.Of("schemas"), new Dictionary<string, string> { ["meshfed.schema.json"] = ManifestSchema.Json }, "schemas");
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

    private static List<string> SchemaErrors(string yamlFile) =>
        [.. SchemaEvaluation.Documents(File.ReadAllText(yamlFile)).SelectMany(SchemaEvaluation.Errors)];
}
