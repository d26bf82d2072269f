using System.Text.Json.Nodes;
using MeshFed.Federation.Terraform;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The AWS gateway module on a VPC Lattice site (shop's aws-use1 moved to vpc-lattice), evaluated as terraform plan
/// has it: the VPC joins the mesh's service network, the task role may invoke the mesh's Lattice services only and
/// carries the gateway's principal tag, ECS registers the tasks in the gateway's target groups, Lattice's prefix list
/// reaches the local and admin ports and is the only source the gateway believes Lattice identities from.
/// </summary>
public sealed class TerraformLatticeTests : IDisposable
{
    private const string NetworkArn = "arn:aws:vpc-lattice:us-east-1:123456789012:servicenetwork/sn-0123456789abcdef0";

    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-tflattice-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Inputs_LatticeSite_NameTheNetworkTheGatewayTargetGroupsAndThePrincipalTag()
    {
        var lattice = RenderedLattice();

        Assert.Equal("shop", (string)lattice["service_network"]!);
        Assert.Equal("shop/aws-use1", (string)lattice["gateway_principal_tags"]!["meshfed.dev/gateway"]!);
        var groups = lattice["gateway_target_groups"]!.AsArray();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Contains("-meshfed-gateway-", (string)g!["name"]!));
        Assert.All(groups, g => Assert.Contains((string)g!["protocol_version"]!, new[] { "HTTP1", "HTTP2" }));
    }

    [Fact]
    public void Inputs_OtherSites_HaveNoLattice()
    {
        var inputs = JsonNode.Parse(File.ReadAllText(TerraformModules.Inputs(_dir, "aws-ecs")))!;

        Assert.Null(inputs["lattice"]);
    }

    [Theory]
    [InlineData("aws-ecs")]
    [InlineData("aws-eks")]
    public void TaskRole_LatticeSite_InvokesTheMeshsServicesOnly_AndCarriesTheGatewayTag(string environment)
    {
        var found = Eval(environment, "data_source.aws_iam_policy_document.task.statement", "resource.aws_iam_role.task.tags");

        var invoke = Assert.Single(found["data_source.aws_iam_policy_document.task.statement"]!.AsArray(), s => (string?)s!["sid"] == "LatticeInvokeMeshServices")!;
        Assert.Equal(["vpc-lattice-svcs:Invoke"], invoke["actions"]!.AsArray().Select(a => (string)a!));
        var resource = (string)Assert.Single(invoke["resources"]!.AsArray())!;
        Assert.NotEqual("*", resource);
        Assert.Contains(":vpc-lattice:us-east-1:", resource);
        Assert.EndsWith(":service/*", resource);
        var condition = invoke["condition"]![0]!;
        Assert.Equal("aws:ResourceTag/meshfed.dev/mesh", (string)condition["variable"]!);
        Assert.Equal(["shop"], condition["values"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("shop/aws-use1", (string)found["resource.aws_iam_role.task.tags"]!["meshfed.dev/gateway"]!);
    }

    [Fact]
    public void TaskRole_AppMeshSite_HasNoLatticeStatementOrTag()
    {
        var found = TerraformModules.Eval("aws-ecs", TerraformModules.Inputs(_dir, "aws-ecs"), "data_source.aws_iam_policy_document.task.statement", "resource.aws_iam_role.task.tags");

        Assert.DoesNotContain(found["data_source.aws_iam_policy_document.task.statement"]!.AsArray(), s => (string?)s!["sid"] == "LatticeInvokeMeshServices");
        Assert.Null(found["resource.aws_iam_role.task.tags"]!["meshfed.dev/gateway"]);
    }

    [Theory]
    [InlineData("association", 1, 0)]
    [InlineData("endpoint", 0, 1)]
    public void Vpc_JoinsTheServiceNetwork_ByAssociationOrEndpoint(string connection, int associations, int endpoints)
    {
        var found = Eval("aws-ecs", new JsonObject { ["lattice_connection"] = connection, ["lattice_endpoint_subnet_ids"] = new JsonArray("subnet-0eee") },
            "length(resource.aws_vpclattice_service_network_vpc_association.gateway)", "length(resource.aws_vpc_endpoint.lattice)",
            "resource.aws_vpclattice_service_network_vpc_association.gateway", "resource.aws_vpc_endpoint.lattice");

        Assert.Equal(associations, (int)found["length(resource.aws_vpclattice_service_network_vpc_association.gateway)"]!);
        Assert.Equal(endpoints, (int)found["length(resource.aws_vpc_endpoint.lattice)"]!);
        if (associations == 1)
        {
            var association = found["resource.aws_vpclattice_service_network_vpc_association.gateway"]![0]!;
            Assert.Equal(NetworkArn, (string)association["service_network_identifier"]!);
            Assert.Equal("vpc-0123456789abcdef0", (string)association["vpc_identifier"]!);
        }
        else
        {
            var endpoint = found["resource.aws_vpc_endpoint.lattice"]![0]!;
            Assert.Equal("ServiceNetwork", (string)endpoint["vpc_endpoint_type"]!);
            Assert.Equal(NetworkArn, (string)endpoint["service_network_arn"]!);
        }
    }

    [Fact]
    public void EcsService_RegistersTheLocalPortInEveryGatewayTargetGroup()
    {
        var groups = RenderedLattice()["gateway_target_groups"]!.AsArray().Select(g => (string)g!["name"]!).ToList();
        var arns = new JsonObject();
        for (var i = 0; i < groups.Count; i++)
            arns[groups[i]] = $"arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-{i:D17}";

        var found = Eval("aws-ecs", new JsonObject { ["lattice_gateway_target_group_arns"] = arns },
            "resource.aws_ecs_service.gateway[0].vpc_lattice_configurations", "jsondecode(resource.aws_ecs_task_definition.gateway[0].container_definitions)");

        var configurations = found["resource.aws_ecs_service.gateway[0].vpc_lattice_configurations"]!.AsArray();
        Assert.Equal(arns.Select(a => (string)a.Value!).Order(), configurations.Select(c => (string)c!["target_group_arn"]!).Order());
        Assert.All(configurations, c => Assert.Equal("local", (string)c!["port_name"]!));
        Assert.All(configurations, c => Assert.Contains("aws_iam_role.ecs_lattice", (string)c!["role_arn"]!));
        var gateway = found["jsondecode(resource.aws_ecs_task_definition.gateway[0].container_definitions)"]!.AsArray().Single(c => (string)c!["name"]! == "gateway")!;
        Assert.Contains(gateway["portMappings"]!.AsArray(), m => (string)m!["name"]! == "local" && (int)m["containerPort"]! == 15180);
    }

    [Fact]
    public void Inputs_GatewayServices_AreTheBackendRefsOfTheGatewayApiRendering_OnePerHttpVersion()
    {
        var lattice = RenderedLattice();

        var versions = lattice["gateway_target_groups"]!.AsArray().Select(g => (string)g!["protocol_version"]!).Distinct().Order().ToList();
        var services = lattice["gateway_services"]!.AsArray().Select(s => ((string)s!["name"]!, (string)s["protocol_version"]!)).ToList();
        Assert.Equal(versions, services.Select(s => s.Item2));
        Assert.All(services, s => Assert.Equal(MeshFed.Adapters.Aws.Lattice.GatewayApi.GatewayApiNames.GatewayService(s.Item2 == "HTTP2"), s.Item1));
    }

    [Fact]
    public void EksPods_AreTargetsThroughTheControllersServices_AndTheClusterSecurityGroupAdmitsLattice()
    {
        var found = Eval("aws-eks", "resource.kubernetes_service_v1.lattice", "resource.aws_vpc_security_group_ingress_rule.from_lattice_eks",
            "resource.kubernetes_service_v1.local[0].spec[0].selector", "length(resource.aws_vpc_security_group_ingress_rule.from_lattice)");

        var services = found["resource.kubernetes_service_v1.lattice"]!.AsObject();
        Assert.Equal(RenderedLattice()["gateway_services"]!.AsArray().Select(s => (string)s!["name"]!).Order(), services.Select(s => s.Key).Order());
        Assert.All(services, s =>
        {
            var spec = s.Value!["spec"]![0]!;
            Assert.Equal((s.Key.EndsWith("http2", StringComparison.Ordinal) ? "http2" : "http") + "-local", (string)spec["port"]![0]!["name"]!);
            Assert.Equal(found["resource.kubernetes_service_v1.local[0].spec[0].selector"]!.ToJsonString(), spec["selector"]!.ToJsonString());
            Assert.Equal(15180, (int)spec["port"]![0]!["port"]!);
        });
        var rules = found["resource.aws_vpc_security_group_ingress_rule.from_lattice_eks"]!.AsObject();
        Assert.Equal(["15180", "15190"], rules.Select(r => r.Key).Order());
        Assert.All(rules, r => Assert.Contains("data.aws_eks_cluster.this", (string)r.Value!["security_group_id"]!));
        Assert.All(rules, r => Assert.Contains("data.aws_ec2_managed_prefix_list.lattice", (string)r.Value!["prefix_list_id"]!));
        Assert.Equal(0, (int)found["length(resource.aws_vpc_security_group_ingress_rule.from_lattice)"]!);
    }

    [Fact]
    public void Tasks_AdmitLatticesPrefixListOnTheLocalAndAdminPorts_AndTheGatewayTrustsItsIdentityHeaderFromThere()
    {
        var found = Eval("aws-ecs", "resource.aws_vpc_security_group_ingress_rule.from_lattice", "data_source.aws_ec2_managed_prefix_list.lattice[0].name", "local.gateway_args");

        var rules = found["resource.aws_vpc_security_group_ingress_rule.from_lattice"]!.AsObject();
        Assert.Equal(["15180", "15190"], rules.Select(r => r.Key).Order());
        Assert.All(rules, r => Assert.Contains("data.aws_ec2_managed_prefix_list.lattice", (string)r.Value!["prefix_list_id"]!));
        Assert.Equal("com.amazonaws.us-east-1.vpc-lattice", (string)found["data_source.aws_ec2_managed_prefix_list.lattice[0].name"]!);
        var args = found["local.gateway_args"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Contains("aws_ec2_managed_prefix_list.lattice", args[args.IndexOf("--trust-lattice-from") + 1]);
    }

    [Theory]
    [InlineData("lattice_service_network_arn", "\"sn-0123\"", "must be a service network ARN")]
    [InlineData("lattice_connection", "\"peering\"", "must be association or endpoint")]
    [InlineData("lattice_gateway_target_group_arns", "{\"x\": \"arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-0123456789abcdef0\"}", "must be target group ARNs")]
    public void Environment_BrokenLatticeInput_IsRejectedWithTheModulesMessage(string key, string json, string message)
    {
        var inputs = TerraformModules.Inputs(_dir, "aws-ecs", MeshKind.VpcLattice);
        var extra = Path.Combine(_dir, "extra.tfvars.json");
        File.WriteAllText(extra, $"{{\"{key}\": {json}}}");

        var (exit, _, stderr) = TerraformModules.Check("tfvars", TerraformModules.ModuleOf("aws-ecs"), inputs, TerraformModules.EnvironmentFile("aws-ecs"), extra);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, stderr);
    }

    private JsonObject RenderedLattice()
    {
        var inputs = JsonNode.Parse(File.ReadAllText(TerraformModules.Inputs(_dir, "aws-ecs", MeshKind.VpcLattice)))!;
        return inputs["lattice"]!.AsObject();
    }

    private JsonObject Eval(string environment, params string[] expressions) => Eval(environment, new JsonObject(), expressions);

    private JsonObject Eval(string environment, JsonObject extra, params string[] expressions)
    {
        var inputs = TerraformModules.Inputs(_dir, environment, MeshKind.VpcLattice);
        var extraFile = Path.Combine(_dir, $"{environment}-extra-{Guid.NewGuid():N}.tfvars.json");
        File.WriteAllText(extraFile, extra.ToJsonString());
        return TerraformModules.Eval(environment, [inputs, extraFile], expressions);
    }
}
