using System.Text.Json.Nodes;
using MeshFed.Federation.Rendering;
using MeshFed.Federation.Terraform;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The Terraform modules as the tests feed them: a shop site's inputs rendered by the translator for a chosen
/// gateway platform (and mesh), plus what the environment of that platform adds
/// (testdata/terraform-environment/&lt;module&gt;-&lt;platform&gt;.tfvars.json), and <c>check.mjs eval</c>, which
/// evaluates the module's locals and resource arguments for them as <c>terraform plan</c> would.
/// </summary>
internal static class TerraformModules
{
    private const string Tool = "terraform";
    private const string Package = "@cdktf/hcl2json";

    /// <summary>Each environment: the module, the shop site it provisions, and the manifest platform it needs.</summary>
    private static readonly Dictionary<string, (string Module, string Site, GatewayPlatform Platform)> s_environments = new()
    {
        ["aws-ecs"] = ("aws-gateway", "aws-use1", GatewayPlatform.Ecs),
        ["aws-eks"] = ("aws-gateway", "aws-use1", GatewayPlatform.Eks),
        ["gcp-gke"] = ("gcp-gateway", "gcp-euw1", GatewayPlatform.Gke),
        ["gcp-mig"] = ("gcp-gateway", "gcp-euw1", GatewayPlatform.Vm),
        ["onprem-kubernetes"] = ("onprem-gateway", "dc-berlin", GatewayPlatform.Kubernetes),
        ["onprem-vm"] = ("onprem-gateway", "dc-berlin", GatewayPlatform.Vm),
    };

    /// <summary>The module folder an environment is for.</summary>
    public static string ModuleOf(string environment) => RepoPaths.Of($"terraform/modules/{s_environments[environment].Module}");

    /// <summary>What the environment adds for one platform: the module's variables render cannot know.</summary>
    public static string EnvironmentFile(string environment) => RepoPaths.Of($"tests/Federation.Tests/testdata/terraform-environment/{environment}.tfvars.json");

    /// <summary>
    /// The translator's inputs for the environment's shop site, its gateway on the environment's platform (and,
    /// when given, the site running <paramref name="mesh"/>), written as terraform.tfvars.json under
    /// <paramref name="folder"/>; <paramref name="migration"/>, when given, moves the site from App Mesh (with
    /// <paramref name="mesh"/> <see cref="MeshKind.VpcLattice"/>). The model is edited directly, past the validator, so that platforms the
    /// validator refuses for the shop's meshes (a VM gateway on an Istio site) still test their module code.
    /// </summary>
    public static string Inputs(string folder, string environment, MeshKind? mesh = null, SiteMigration? migration = null)
    {
        var (_, siteName, platform) = s_environments[environment];
        var shop = TerraformGolden.Load(RepoPaths.Of("examples/shop"));
        var edited = shop with
        {
            Sites = [.. shop.Sites.Select(s => s.Name != siteName ? s : s with
            {
                Mesh = mesh ?? s.Mesh,
                Migration = migration ?? s.Migration,
                Gateway = s.Gateway! with { Platform = platform },
            })],
        };
        var (inputs, diagnostics) = TerraformInputsTranslator.Translate(edited, siteName);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return TerraformVarsWriter.Write(Path.Combine(folder, environment), inputs);
    }

    /// <summary>Runs check.mjs with <paramref name="args"/> (in the one Node process serve.mjs keeps for the test run).</summary>
    public static (int Exit, string Stdout, string Stderr) Check(params string[] args) => NodeToolServer.Run(Tool, Package, "check.mjs", args);

    /// <summary>
    /// Evaluates <paramref name="expressions"/> in the environment's module fed the inputs at
    /// <paramref name="inputs"/> and the environment file; each result by its expression.
    /// </summary>
    public static JsonObject Eval(string environment, string inputs, params string[] expressions) => Eval(environment, [inputs], expressions);

    /// <summary>As <see cref="Eval(string, string, string[])"/>, with more tfvars files after the inputs (values a test adds).</summary>
    public static JsonObject Eval(string environment, IReadOnlyList<string> files, params string[] expressions)
    {
        var (exit, stdout, stderr) = Check(["eval", ModuleOf(environment), files[0], EnvironmentFile(environment), .. files.Skip(1), "--", .. expressions]);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }
}
