using System.Text.Json.Nodes;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The Terraform modules checked by tests/conformance/terraform/check.mjs: parsed with HashiCorp's HCL parser
/// (@cdktf/hcl2json), checked against the provider schemas of HashiCorp's published bindings, and fed the
/// inputs `meshfed render --target terraform` writes.
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
    [InlineData("aws-use1", "aws")]
    [InlineData("gcp-euw1", "gcp")]
    [InlineData("dc-berlin", "onprem")]
    public void RenderedInputs_Shop_SatisfyTheModulesTypesAndValidations(string site, string provider)
    {
        var file = RenderShop(site);

        var (exit, stdout, stderr) = Check("tfvars", RepoPaths.Of($"terraform/modules/{provider}-gateway"), file);

        Assert.True(exit == 0, stderr);
        Assert.Matches("^ok: [0-9]+ values, [1-9][0-9]* validations", stdout);
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
    public void RenderedInputs_BrokenValue_IsRejectedWithTheModulesMessage(string path, string json, string message)
    {
        var file = RenderShop("aws-use1");
        var inputs = JsonNode.Parse(File.ReadAllText(file))!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(inputs, (node, part) => node[part]!);
        parent[parts[^1]] = JsonNode.Parse(json);
        File.WriteAllText(file, inputs.ToJsonString());

        var (exit, _, stderr) = Check("tfvars", RepoPaths.Of("terraform/modules/aws-gateway"), file);

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

        var (exit, _, stderr) = Check("tfvars", RepoPaths.Of("terraform/modules/gcp-gateway"), file);

        Assert.Equal(1, exit);
        Assert.Contains("\"sampling_rate\" is not a variable", stderr);
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

    private static (int Exit, string Stdout, string Stderr) Check(params string[] args) =>
        NodeTool.Run(Tool, Package, "check.mjs", args);
}
