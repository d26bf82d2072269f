using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshFed.Model.Schema;
using MeshFed.Tests.Shared;

namespace MeshFed.Model.Tests.Schema;

/// <summary>
/// docs/manifest.md restates the field tables for people; it is checked against the generated schema, their
/// published form: each section names every field of its objects, names no field they lack, and where it
/// gives a field's bounds or words gives the binders' ones. A field added to a table (a new site setting,
/// say) fails here until the docs say what it means.
/// </summary>
public class ManifestDocsTests
{
    /// <summary>Which section of docs/manifest.md documents which schema definitions ("#" is the document).</summary>
    private static readonly Dictionary<string, string[]> s_sections = new()
    {
        ["Top level"] = ["#", "metadata", "spec"],
        ["Sites"] = ["site", "gateway", "migration"],
        ["Services"] = ["service", "port", "deployment", "discovery", "cloudMap", "kubernetesDiscovery", "awsWorkload"],
        ["Traffic"] = ["traffic", "retries", "circuitBreaker", "loadBalancer", "hashKey", "route", "match", "stringMatch", "target"],
        ["Security"] = ["security", "allowRule", "jwt"],
        ["Telemetry"] = ["telemetry"],
    };

    private static readonly JsonObject s_schema = JsonNode.Parse(ManifestSchema.Json)!.AsObject();

    public static TheoryData<string> Sections() => [.. s_sections.Keys];

    [Fact]
    public void EveryObjectOfTheSchema_HasASection()
    {
        var objects = s_schema["definitions"]!.AsObject().Where(d => Properties(d.Key) is not null).Select(d => d.Key);

        var unplaced = objects.Except(s_sections.Values.SelectMany(d => d)).ToList();
        Assert.True(unplaced.Count == 0, $"say in ManifestDocsTests which section of docs/manifest.md documents: {string.Join(", ", unplaced)}");
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Section_NamesEveryFieldOfItsObjects(string section)
    {
        var named = Blocks(section).SelectMany(Tokens).ToHashSet(StringComparer.Ordinal);

        var missing = Fields(section).Select(f => f.Name).Where(f => !named.Contains(f)).Distinct().ToList();

        Assert.True(missing.Count == 0, $"docs/manifest.md, ## {section}, does not name: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void SectionTables_NameNoFieldTheObjectsLack(string section)
    {
        var known = Fields(section).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var rows = Blocks(section).Where(b => b.StartsWith("| `", StringComparison.Ordinal));

        var unknown = rows.Select(r => Regex.Match(r, "^\\| `([^`]+)`").Groups[1].Value)
            .SelectMany(cell => cell.Replace("[]", "", StringComparison.Ordinal).Split('.'))
            .Where(name => !known.Contains(name)).ToList();

        Assert.True(unknown.Count == 0, $"docs/manifest.md, ## {section}, documents fields the manifest lacks: {string.Join(", ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Section_GivesEachFieldsBoundsAndWords_AsTheBindersHaveThem(string section)
    {
        var blocks = Blocks(section);
        var wrong = new List<string>();
        foreach (var (name, schema) in Fields(section))
        {
            var about = blocks.Where(b => Tokens(b).Contains(name)).ToList();
            if (schema["minimum"] is { } minimum && schema["maximum"] is { } maximum)
            {
                var (min, max) = ((decimal)minimum, (decimal)maximum);
                var range = max == int.MaxValue ? $"≥ {min}" : $"{min}–{max}";
                if (!about.Any(b => b.Contains(range, StringComparison.Ordinal)))
                    wrong.Add($"{name}: {range}");
            }
            var words = schema["enum"] ?? schema["items"]?["enum"] ?? schema["oneOf"]?[0]?["enum"];
            foreach (var word in words?.AsArray().Select(w => (string)w!) ?? [])
            {
                if (!about.Any(b => Regex.IsMatch(b, $"`{Regex.Escape(word)}`")))
                    wrong.Add($"{name}: `{word}`");
            }
        }
        Assert.True(wrong.Count == 0, $"docs/manifest.md, ## {section}, should say (beside the field's name): {string.Join("; ", wrong)}");
    }

    /// <summary>The fields of the section's objects, with their schemas ($refs to objects followed where the words are).</summary>
    private static IEnumerable<(string Name, JsonNode Schema)> Fields(string section) =>
        s_sections[section].SelectMany(d => Properties(d)!.Select(p => (p.Key, Resolve(p.Value!))));

    private static JsonObject? Properties(string definition)
    {
        var node = definition == "#" ? s_schema : s_schema["definitions"]![definition]!;
        var objectForm = node["oneOf"] is JsonArray branches ? branches.First(b => b!["properties"] is not null)! : node;
        return objectForm["properties"]?.AsObject();
    }

    private static JsonNode Resolve(JsonNode node) =>
        node["$ref"] is { } reference ? s_schema["definitions"]![((string)reference!).Split('/')[^1]]! : node;

    /// <summary>The section's table rows (one each) and paragraphs (a list is one paragraph).</summary>
    private static List<string> Blocks(string section)
    {
        var text = File.ReadAllText(RepoPaths.Of("docs/manifest.md")).ReplaceLineEndings("\n");
        var start = text.IndexOf($"\n## {section}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/manifest.md has no section '## {section}'");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var body = text[start..(end < 0 ? text.Length : end)];
        return [.. body.Split("\n\n").SelectMany(p => p.StartsWith('|') ? p.Split('\n') : [p])];
    }

    /// <summary>The names inside the block's code spans: <c>`{ policy, hashOn }`</c> names policy and hashOn.</summary>
    private static HashSet<string> Tokens(string block) =>
        [.. Regex.Matches(block, "`([^`]+)`").SelectMany(m => Regex.Split(m.Groups[1].Value, "[^A-Za-z0-9]+")).Where(t => t.Length > 0)];
}
