using System.Globalization;
using System.Text.Json.Nodes;
using MeshFed.Model.Binding;
using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;
using MeshFed.Model.Schema;

namespace MeshFed.Model.Tests.Schema;

/// <summary>
/// The binders' field tables, the schema written from them, and what the loader does agree field by field.
/// The structural facts are read back from the schema text; the behavioural ones are proved on
/// testdata/schema/every-field.yaml, a manifest that sets every field: each field is read by the loader (a
/// wrong value there is reported there), and each bound and word list is the loader's (the value at the
/// schema's limit is accepted by both, one beyond is rejected by both).
/// </summary>
public class FieldTableTests
{
    private static readonly string s_everyFieldPath = Path.Combine(AppContext.BaseDirectory, "testdata", "schema", "every-field.yaml");
    private static readonly Lazy<JsonNode> s_everyField = new(() => SchemaEvaluation.Documents(File.ReadAllText(s_everyFieldPath)).Single());
    private static readonly Lazy<SchemaInstanceWalk> s_walk = new(() => new SchemaInstanceWalk(JsonNode.Parse(ManifestSchema.Json)!.AsObject()));

    [Fact]
    public void EveryBinderField_IsASchemaProperty_AndEverySchemaPropertyABinderField()
    {
        var fromTables = Shapes(MeshBinder.Document)
            .SelectMany(s => s.Fields.Select(f => $"{(s == MeshBinder.Document ? "#" : s.Definition)}.{f.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(fromTables, s_walk.Value.AllProperties().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryBound_InTheSchema_IsTheBindersBound()
    {
        var definitions = JsonNode.Parse(ManifestSchema.Json)!["definitions"]!;
        var mismatches = new List<string>();
        foreach (var shape in Shapes(MeshBinder.Document).Where(s => s != MeshBinder.Document))
        {
            var objectForm = definitions[shape.Definition]!["oneOf"]?[1] ?? definitions[shape.Definition]!;
            foreach (var field in shape.Fields)
            {
                var property = objectForm["properties"]![field.Name]!;
                var (min, max) = field.Rule switch
                {
                    WholeNumberRule n => ((double?)n.Min, (double?)n.Max),
                    NumberRule n => (n.Min, n.Max),
                    _ => (null, null),
                };
                if ((double?)property["minimum"] != min || (double?)property["maximum"] != max)
                    mismatches.Add($"{shape.Definition}.{field.Name}: schema {property["minimum"]}..{property["maximum"]}, binder {min}..{max}");
                var required = objectForm["required"]?.AsArray().Any(r => (string)r! == field.Name) == true;
                if (required != (field.Need == FieldNeed.Required))
                    mismatches.Add($"{shape.Definition}.{field.Name}: required in the schema {required}, in the table {field.Need}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void EveryFieldManifest_PassesLoaderAndSchema_AndSetsEveryPropertyOfTheSchema()
    {
        var loaded = ManifestLoader.Load(s_everyFieldPath);
        var set = s_walk.Value.Values(s_everyField.Value).Select(v => v.DeclaredBy).OfType<string>().ToHashSet();

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(SchemaEvaluation.Errors(s_everyField.Value));
        var unset = s_walk.Value.AllProperties().Where(p => !set.Contains(p)).ToList();
        Assert.True(unset.Count == 0, "every-field.yaml does not set: " + string.Join(", ", unset));
    }

    // A field the tables list but no binder reads would be accepted and silently dropped: here every field,
    // given a value no rule accepts ([[]]), must be reported by the loader at (or under) its place.
    [Fact]
    public void EveryField_GivenAWrongValue_IsReportedThereByLoaderAndSchema()
    {
        var failures = new List<string>();
        foreach (var visit in FirstOfEachProperty())
        {
            var document = visit.With(s_everyField.Value, new JsonArray(new JsonArray()));

            var errors = Load(document).Errors.ToList();
            if (!errors.Any(e => e.Path == visit.ManifestPath || e.Path.StartsWith(visit.ManifestPath + ".", StringComparison.Ordinal) || e.Path.StartsWith(visit.ManifestPath + "[", StringComparison.Ordinal)))
                failures.Add($"{visit.DeclaredBy} at {visit.ManifestPath}: the loader reports nothing there ({string.Join("; ", errors)})");
            if (SchemaEvaluation.Errors(document).Count == 0)
                failures.Add($"{visit.DeclaredBy} at {visit.ManifestPath}: the schema accepts it");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryBound_AtTheLimit_AcceptedByBoth_AndOneBeyond_RejectedByBoth()
    {
        var failures = new List<string>();
        var bounded = s_walk.Value.Values(s_everyField.Value).Where(v => v.Schema["minimum"] is not null).DistinctBy(v => v.DeclaredBy).ToList();
        Assert.NotEmpty(bounded);
        foreach (var visit in bounded)
        {
            var whole = (string?)visit.Schema["type"] == "integer";
            var step = whole ? 1m : 0.5m;
            var min = (decimal)visit.Schema["minimum"]!;
            var max = (decimal)visit.Schema["maximum"]!;
            foreach (var (value, inRange) in new[] { (min, true), (max, true), (min - step, false), (max + step, false) })
            {
                var document = visit.With(s_everyField.Value, JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture)));
                var outOfRange = Load(document).Errors.Any(e => e.Code == DiagnosticCodes.OutOfRange && e.Path == visit.ManifestPath);
                var schemaRejects = SchemaEvaluation.Errors(document).Count > 0;
                if (outOfRange == inRange)
                    failures.Add($"{visit.DeclaredBy} = {value}: the loader {(inRange ? "rejects" : "accepts")} it");
                if (inRange ? schemaRejects && outOfRange : !schemaRejects)
                    failures.Add($"{visit.DeclaredBy} = {value}: the schema {(inRange ? "rejects" : "accepts")} it");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryWordList_EachWordAcceptedByBoth_AndAnotherWordRejectedByBoth()
    {
        var failures = new List<string>();
        var listed = s_walk.Value.Values(s_everyField.Value).Where(v => v.Schema["enum"] is not null).DistinctBy(v => v.Schema.ToJsonString()).ToList();
        Assert.NotEmpty(listed);
        foreach (var visit in listed)
        {
            var words = visit.Schema["enum"]!.AsArray().Select(w => (string)w!).ToList();
            foreach (var word in words.Append("not-a-word"))
            {
                var known = word != "not-a-word";
                var document = visit.With(s_everyField.Value, JsonValue.Create(word));
                var rejected = Load(document).Errors.Any(e => e.Code == DiagnosticCodes.InvalidEnum && e.Path == visit.ManifestPath);
                if (rejected == known)
                    failures.Add($"{visit.ManifestPath} = {word}: the loader {(known ? "rejects" : "accepts")} it");
                if (!known && SchemaEvaluation.Errors(document).Count == 0)
                    failures.Add($"{visit.ManifestPath} = {word}: the schema accepts it");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<SchemaInstanceWalk.Visit> FirstOfEachProperty() =>
        s_walk.Value.Values(s_everyField.Value).Where(v => v.DeclaredBy is not null).DistinctBy(v => v.DeclaredBy);

    private static ManifestLoadResult Load(JsonNode document) => ManifestLoader.LoadText(document.ToJsonString(), "every-field.json");

    private static IEnumerable<ObjectShape> Shapes(ObjectShape root)
    {
        var seen = new List<ObjectShape>();
        void Visit(ValueRule rule)
        {
            switch (rule)
            {
                case ObjectShape shape when !seen.Contains(shape):
                    seen.Add(shape);
                    if (shape.Shorthand is { } shorthand)
                        Visit(shorthand.Rule);
                    foreach (var field in shape.Fields)
                        Visit(field.Rule);
                    break;
                case ListRule list:
                    Visit(list.Item);
                    break;
                case MapRule map:
                    Visit(map.Value);
                    break;
            }
        }
        Visit(root);
        return seen;
    }
}
