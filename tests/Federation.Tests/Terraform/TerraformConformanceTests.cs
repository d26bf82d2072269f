using System.Text.Json.Nodes;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The Terraform modules checked by tests/conformance/terraform/check.mjs: parsed with HashiCorp's HCL parser
/// (@cdktf/hcl2json), checked against the provider schemas of HashiCorp's published bindings, and fed the
/// inputs `meshfed render --target terraform` writes plus, per platform, what the environment adds
/// (testdata/terraform-environment/&lt;module&gt;-&lt;platform&gt;.tfvars.json), as `terraform plan -var-file` would.
/// </summary>
public sealed class TerraformConformanceTests : IDisposable
{
    private const string Tool = "terraform";
    private const string Package = "@cdktf/hcl2json";
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-tfcheck-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Modules_ParseAndUseOnlyWhatTheProvidersDeclare()
    {
        var (exit, stdout, stderr) = Check("modules", RepoPaths.Of("terraform"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("ok: 4 modules", stdout);
    }

    [Theory]
    [InlineData("aws-ecs")]
    [InlineData("aws-eks")]
    [InlineData("gcp-gke")]
    [InlineData("gcp-mig")]
    [InlineData("onprem-kubernetes")]
    [InlineData("onprem-vm")]
    public void RenderedInputs_ShopWithEachPlatformsEnvironment_SatisfyTheModulesTypesAndValidations(string environment)
    {
        var file = TerraformModules.Inputs(_dir, environment);

        var (exit, stdout, stderr) = Check("tfvars", TerraformModules.ModuleOf(environment), file, TerraformModules.EnvironmentFile(environment));

        Assert.True(exit == 0, stderr);
        Assert.Matches("^ok: [0-9]+ values, [1-9][0-9]* validations", stdout);
    }

    // The platform is the manifest's: no environment file sets it, so what a module creates follows the
    // manifest, and the rendered value alone satisfies the module.
    [Theory]
    [InlineData("aws-ecs")]
    [InlineData("aws-eks")]
    [InlineData("gcp-gke")]
    [InlineData("gcp-mig")]
    [InlineData("onprem-kubernetes")]
    [InlineData("onprem-vm")]
    public void EnvironmentFile_Platform_IsNotSetOutsideTheRenderedInputs(string environment)
    {
        var values = JsonNode.Parse(File.ReadAllText(TerraformModules.EnvironmentFile(environment)))!.AsObject();
        var rendered = JsonNode.Parse(File.ReadAllText(TerraformModules.Inputs(_dir, environment)))!.AsObject();

        Assert.False(values.ContainsKey("platform"));
        Assert.Equal(environment.Split('-')[1], (string)rendered["platform"]!);
    }

    [Fact]
    public void RenderedInputs_WithoutTheEnvironment_NameTheRequiredVariables()
    {
        var file = RenderShop("aws-use1");

        var (exit, _, stderr) = Check("tfvars", ModuleOf("aws-ecs"), file);

        Assert.Equal(1, exit);
        Assert.Contains("required variable \"image\" is not set", stderr);
        Assert.Contains("platform = \"ecs\" runs the gateway as a Fargate service in an existing cluster: set ecs_cluster_arn", stderr);
    }

    [Theory]
    [InlineData("telemetry.sampling", "1.5", "telemetry.sampling must be from 0 to 1")]
    [InlineData("site_name", "\"AWS_use1\"", "site_name must be a DNS label")]
    [InlineData("region", "\"mars\"", "region must be an AWS region name")]
    [InlineData("gateway.local_port", "15443", "must differ")]
    [InlineData("peer_cidrs", "[\"10.20.0.5/33\"]", "must be a CIDR")]
    [InlineData("site_provider", "\"gcp\"", "use modules/gcp-gateway")]
    [InlineData("gateway.peer_port", "\"15443\"", "is not a number")]
    [InlineData("telemetry.metrics", "[\"cloudwach\"]", "telemetry.metrics may name")]
    [InlineData("platform", "\"fargate\"", "platform must be ecs (an ECS Fargate service) or eks")]
    [InlineData("mesh_kind", "\"istio\"", "An istio site's gateway must run in Kubernetes with the sidecar")]
    [InlineData("gateway.trust_xfcc_from", "[\"127.0.0.6\"]", "every gateway.trust_xfcc_from entry must be a CIDR")]
    public void RenderedInputs_BrokenValue_IsRejectedWithTheModulesMessage(string path, string json, string message)
    {
        var file = RenderShop("aws-use1");
        var inputs = JsonNode.Parse(File.ReadAllText(file))!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(inputs, (node, part) => node[part]!);
        parent[parts[^1]] = JsonNode.Parse(json);
        File.WriteAllText(file, inputs.ToJsonString());

        var (exit, _, stderr) = Check("tfvars", ModuleOf("aws-ecs"), file, EnvironmentFile("aws-ecs"));

        Assert.Equal(1, exit);
        Assert.Contains(message, stderr);
    }

    // A platform's own inputs: each missing one named with the fix, by the variable's validation (Terraform 1.9
    // validations may read other variables, here var.platform).
    [Theory]
    [InlineData("aws-eks", "eks_cluster_name", null, "platform = \"eks\" runs the gateway in an existing EKS cluster: set eks_cluster_name")]
    [InlineData("aws-ecs", "ecs_cluster_arn", null, "platform = \"ecs\" runs the gateway as a Fargate service in an existing cluster: set ecs_cluster_arn")]
    [InlineData("aws-ecs", "subnet_ids", null, "platform = \"ecs\" needs subnet_ids")]
    [InlineData("aws-ecs", "vpc_id", null, "platform = \"ecs\" needs vpc_id")]
    [InlineData("aws-ecs", "app_mesh_ingress_tls", null, "An App Mesh site on ECS needs app_mesh_ingress_tls")]
    [InlineData("aws-ecs", "app_mesh_ingress_tls", "{\"certificate_chain_secret\":\"a b\",\"private_key_secret\":\"k\",\"ca_bundle_secret\":\"c\"}", "app_mesh_ingress_tls secret names may contain only")]
    [InlineData("aws-eks", "eks_cluster_name", "\"shop cluster\"", "eks_cluster_name must be an EKS cluster name")]
    [InlineData("gcp-mig", "subnetwork", null, "platform = \"mig\" needs subnetwork")]
    [InlineData("gcp-gke", "node_network_tags", null, "node_network_tags must name at least one tag")]
    [InlineData("onprem-vm", "host_name", null, "platform = \"vm\" renders files for one host: set host_name")]
    [InlineData("onprem-vm", "admin_cidrs", "[\"10.20.9.0/33\"]", "every admin_cidrs entry must be a CIDR")]
    [InlineData("gcp-mig", "local_cidrs", "[\"10.40.0.0/33\"]", "every local_cidrs entry must be a CIDR")]
    public void Environment_MissingOrBrokenPlatformInput_IsRejectedWithTheModulesMessage(string environment, string key, string? json, string message)
    {
        var file = TerraformModules.Inputs(_dir, environment);
        var inputs = JsonNode.Parse(File.ReadAllText(EnvironmentFile(environment)))!.AsObject();
        if (json is null)
            inputs.Remove(key);
        else
            inputs[key] = JsonNode.Parse(json);
        var edited = Path.Combine(_dir, $"{environment}.tfvars.json");
        File.WriteAllText(edited, inputs.ToJsonString());

        var (exit, _, stderr) = Check("tfvars", TerraformModules.ModuleOf(environment), file, edited);

        Assert.Equal(1, exit);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void RenderedInputs_UnknownVariable_IsRejected()
    {
        var file = RenderShop("gcp-euw1");
        var inputs = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        inputs["sampling_rate"] = 0.1;
        File.WriteAllText(file, inputs.ToJsonString());

        var (exit, _, stderr) = Check("tfvars", ModuleOf("gcp-gke"), file, EnvironmentFile("gcp-gke"));

        Assert.Equal(1, exit);
        Assert.Contains("\"sampling_rate\" is not a variable", stderr);
    }

    // Terraform before 1.12 evaluates both operands of || (no short-circuit): this validation errors on null
    // there, so the checker must refuse it too rather than pass what `terraform plan` would reject.
    [Fact]
    public void Tfvars_ValidationThatFailsOnNull_IsRejectedAsTerraformWould()
    {
        var module = Directory.CreateDirectory(Path.Combine(_dir, "nullable")).FullName;
        File.WriteAllText(Path.Combine(module, "variables.tf"), """
            variable "zones" {
              type        = list(string)
              description = "d"
              default     = null
              validation {
                condition     = var.zones == null || length(var.zones) > 0
                error_message = "zones must name a zone."
              }
            }
            """);
        var file = Path.Combine(_dir, "empty.tfvars.json");
        File.WriteAllText(file, "{}");

        var (exit, _, stderr) = Check("tfvars", module, file);

        Assert.Equal(1, exit);
        Assert.Contains("zones: fails validation: zones must name a zone.", stderr);
    }

    // The READMEs' tables are module-docs.mjs's output: a variable or output added without them fails here.
    [Theory]
    [InlineData("aws-gateway")]
    [InlineData("gcp-gateway")]
    [InlineData("onprem-gateway")]
    public void ModuleReadme_InputsAndOutputs_AreTheModulesOwn(string module)
    {
        var dir = RepoPaths.Of($"terraform/modules/{module}");
        var readme = File.ReadAllText(Path.Combine(dir, "README.md")).ReplaceLineEndings("\n");

        var (exit, stdout, stderr) = NodeToolServer.Run(Tool, Package, "module-docs.mjs", [dir]);

        Assert.True(exit == 0, stderr);
        var tables = readme.IndexOf("## Inputs", StringComparison.Ordinal);
        Assert.True(tables >= 0, $"{module}/README.md has no ## Inputs section");
        Assert.Equal(stdout.ReplaceLineEndings("\n").TrimEnd(), readme[tables..].TrimEnd());
    }

    [Fact]
    public void Modules_WrongNamesAndReferences_AreEachReported()
    {
        var module = Directory.CreateDirectory(Path.Combine(_dir, "broken")).FullName;
        File.WriteAllText(Path.Combine(module, "main.tf"), """
            terraform {
              required_version = ">= 1.9.0"
              required_providers {
                aws = { source = "hashicorp/aws", version = ">= 6.0, < 7.0" }
              }
            }
            resource "aws_lb" "peer" {
              nmae = var.missing
            }
            resource "aws_lb_target_group" "peer" {
              health_check {
                prot = "HTTP"
              }
            }
            resource "aws_load_balancer" "x" {}
            moved {
              from = aws_lb.old
              to   = aws_lb.missing
            }
            output "dns" {
              description = "d"
              value       = aws_lb.peer.dns_nmae
            }
            """);

        var (exit, _, stderr) = Check("modules", _dir);

        Assert.Equal(1, exit);
        Assert.Contains("aws_lb.peer: unknown argument or block \"nmae\"", stderr);
        Assert.Contains("aws_lb_target_group.peer.health_check: unknown argument or block \"prot\"", stderr);
        Assert.Contains("aws_load_balancer is not a resource type", stderr);
        Assert.Contains("aws_lb has no attribute \"dns_nmae\"", stderr);
        Assert.Contains("var.missing is not declared", stderr);
        Assert.Contains("aws_lb.missing is not declared in this module", stderr);
    }

    [Fact]
    public void Modules_UnparsableFile_IsReported()
    {
        var module = Directory.CreateDirectory(Path.Combine(_dir, "unparsable")).FullName;
        File.WriteAllText(Path.Combine(module, "main.tf"), "resource \"aws_lb\" \"x\" {\n  name = \n");

        var (exit, _, stderr) = Check("modules", _dir);

        Assert.Equal(1, exit);
        Assert.Contains("does not parse", stderr);
    }

    private string RenderShop(string site)
    {
        var outFolder = Path.Combine(_dir, "out");
        var (code, _, error) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "terraform", "--site", site, "--out", outFolder);
        Assert.True(code == 0, error);
        return Path.Combine(outFolder, site, "terraform.tfvars.json");
    }

    private static string EnvironmentFile(string name) => TerraformModules.EnvironmentFile(name);

    private static string ModuleOf(string environment) => TerraformModules.ModuleOf(environment);

    private static (int Exit, string Stdout, string Stderr) Check(params string[] args) =>
        NodeToolServer.Run(Tool, Package, "check.mjs", args);
}
