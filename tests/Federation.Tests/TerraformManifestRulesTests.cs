using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshFed.Model.Schema;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The modules' validations of variables rendered from the manifest restate the manifest's rules (a name is a
/// DNS label, a port is 1-65535, the telemetry words). Each is compared with the manifest's JSON Schema, the
/// published form of the binders' field tables, so a module cannot be looser or stricter than the model: a
/// stricter one fails `terraform plan` on a manifest `meshfed validate` accepted (as mesh_name's
/// ^[a-z0-9] once let a name through that the model refuses, and trust_domain refused '_').
/// </summary>
public sealed class TerraformManifestRulesTests
{
    private static readonly JsonNode s_definitions = JsonNode.Parse(ManifestSchema.Json)!["definitions"]!;

    public static TheoryData<string> Modules() => ["aws-gateway", "gcp-gateway", "onprem-gateway"];

    [Theory]
    [MemberData(nameof(Modules))]
    public void NameValidations_AreTheManifestsPatterns(string module)
    {
        var variables = Variables(module);

        AssertCondition(variables, "mesh_name", $"regex({Hcl(Pattern("metadata", "name"))}, var.mesh_name)");
        AssertCondition(variables, "site_name", $"regex({Hcl(Pattern("site", "name"))}, var.site_name)");
        AssertCondition(variables, "trust_domain", $"regex({Hcl(Pattern("spec", "trustDomain"))}, var.trust_domain)");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void PortValidations_AreTheManifestsBounds(string module)
    {
        var variables = Variables(module);
        var port = s_definitions["gateway"]!["properties"]!["port"]!;
        var (min, max) = (Number(port["minimum"]), Number(port["maximum"]));

        AssertCondition(variables, "gateway", $"p >= {min} && p <= {max}");
        AssertCondition(variables, "peers", $"p.port >= {min} && p.port <= {max}");
        Assert.Contains($"from {min} to {max}", variables["gateway"]);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void TelemetryValidations_AreTheManifestsWordsAndBounds(string module)
    {
        var variables = Variables(module);
        var telemetry = s_definitions["telemetry"]!["properties"]!;
        var metrics = Words(telemetry["metrics"]!["items"]!);
        var traces = Words(telemetry["traces"]!["items"]!);
        var sampling = telemetry["sampling"]!;

        AssertCondition(variables, "telemetry", $"contains({HclList(metrics)}, m)");
        AssertCondition(variables, "telemetry", $"contains({HclList(traces)}, t)");
        AssertCondition(variables, "telemetry", $"var.telemetry.sampling >= {Number(sampling["minimum"])} && var.telemetry.sampling <= {Number(sampling["maximum"])}");
        Assert.All(metrics.Concat(traces), word => Assert.Contains(word, variables["telemetry"]));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void SiteValidations_NameOnlyTheManifestsProvidersAndMeshes(string module)
    {
        var variables = Variables(module);
        var site = s_definitions["site"]!["properties"]!;

        var provider = Regex.Match(variables["site_provider"], "var.site_provider == \"([^\"]+)\"").Groups[1].Value;
        var meshes = Regex.Match(variables["mesh_kind"], @"contains\(\[([^\]]*)\], var.mesh_kind\)").Groups[1].Value
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"')).ToList();

        Assert.Equal(module, $"{provider}-gateway");
        Assert.Contains(provider, Words(site["provider"]!));
        Assert.NotEmpty(meshes);
        Assert.All(meshes, mesh => Assert.Contains(mesh, Words(site["mesh"]!)));
    }

    private static void AssertCondition(IReadOnlyDictionary<string, string> variables, string variable, string expected) =>
        Assert.True(variables[variable].Contains(expected, StringComparison.Ordinal),
            $"variable \"{variable}\" should validate with {expected}, as the manifest does; it has:\n{variables[variable]}");

    /// <summary>Each variable's block of the module's variables.tf, by name.</summary>
    private static Dictionary<string, string> Variables(string module)
    {
        var text = File.ReadAllText(RepoPaths.Of($"terraform/modules/{module}/variables.tf")).ReplaceLineEndings("\n");
        var starts = Regex.Matches(text, "^variable \"([a-z0-9_]+)\" \\{", RegexOptions.Multiline);
        return starts.Select((m, i) => (m.Groups[1].Value, text[m.Index..(i + 1 < starts.Count ? starts[i + 1].Index : text.Length)]))
            .ToDictionary(v => v.Item1, v => v.Item2);
    }

    private static string Pattern(string definition, string property) => (string)s_definitions[definition]!["properties"]![property]!["pattern"]!;

    private static List<string> Words(JsonNode node) => [.. node["enum"]!.AsArray().Select(w => (string)w!)];

    private static string Number(JsonNode? node) => ((decimal)node!).ToString(CultureInfo.InvariantCulture);

    /// <summary>An HCL quoted string (https://developer.hashicorp.com/terraform/language/expressions/strings).</summary>
    private static string Hcl(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal) + "\"";

    private static string HclList(IEnumerable<string> words) => $"[{string.Join(", ", words.Select(Hcl))}]";
}
