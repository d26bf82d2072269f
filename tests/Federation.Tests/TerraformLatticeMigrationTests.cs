using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The AWS gateway module on a site moving from App Mesh to VPC Lattice (shop's aws-use1 with
/// <c>migration: { from: appmesh, latticeWeight: 30 }</c>): the rendered inputs name the App Mesh ingress target groups
/// the Lattice rendering creates, the module accepts them, keeps the virtual gateway's Envoy and registers it in those
/// groups (ECS) or puts the Service the gateway-api/ rendering names in front of it (EKS), so docs/migration.md needs
/// no manual registration.
/// </summary>
public sealed class TerraformLatticeMigrationTests : IDisposable
{
    private static readonly SiteMigration s_migrating = new() { LatticeWeight = 30 };

    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-tfmigration-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Inputs_MigratingSite_NameTheLatticeRenderingsIngressTargetGroups_AndKeepAppMesh()
    {
        var inputs = Rendered("aws-ecs", s_migrating);

        var groups = IngressGroups(inputs);
        Assert.NotEmpty(groups);
        Assert.Equal(LatticeTranslator.Translate(MigratingShop(s_migrating), "aws-use1").AppMeshIngressTargetGroups.Select(g => g.Name).Order(StringComparer.Ordinal),
            groups.Select(g => g.Name));
        Assert.All(groups, g => Assert.Contains("-appmesh-ingress-", g.Name));
        Assert.Single(groups.Select(g => g.ProtocolVersion).Distinct());
        Assert.Equal(DataPath.AppMeshIngressGateway, (string)inputs["app_mesh"]!["virtual_gateway"]!);
    }

    [Fact]
    public void Inputs_LatticeWeight100_HasNoIngressTargetGroups()
    {
        var inputs = Rendered("aws-ecs", new SiteMigration { LatticeWeight = SiteMigration.FullWeight });

        Assert.Empty(IngressGroups(inputs));
    }

    [Fact]
    public void Inputs_LatticeSiteNotMigrating_HasNoIngressTargetGroupsNorAppMesh()
    {
        var inputs = Rendered("aws-ecs", migration: null);

        Assert.Empty(IngressGroups(inputs));
        Assert.Null(inputs["app_mesh"]);
    }

    [Theory]
    [InlineData("aws-ecs")]
    [InlineData("aws-eks")]
    public void Module_AcceptsTheMigratingSitesRenderedInputs(string environment)
    {
        var inputs = TerraformModules.Inputs(_dir, environment, MeshKind.VpcLattice, s_migrating);
        var arns = Path.Combine(_dir, $"{environment}-arns.tfvars.json");
        File.WriteAllText(arns, new JsonObject { ["lattice_gateway_target_group_arns"] = AllArns(JsonNode.Parse(File.ReadAllText(inputs))!) }.ToJsonString());

        var (exit, stdout, stderr) = TerraformModules.Check("tfvars", TerraformModules.ModuleOf(environment), inputs, TerraformModules.EnvironmentFile(environment), arns);

        Assert.True(exit == 0, $"{stdout}\n{stderr}");
    }

    [Fact]
    public void Module_IngressTargetGroupsOfTwoHttpVersions_AreRejected()
    {
        var inputs = TerraformModules.Inputs(_dir, "aws-ecs", MeshKind.VpcLattice, s_migrating);
        var extra = Path.Combine(_dir, "mixed.tfvars.json");
        var lattice = JsonNode.Parse(File.ReadAllText(inputs))!["lattice"]!.DeepClone();
        lattice["app_mesh_ingress_target_groups"] = new JsonArray(
            new JsonObject { ["name"] = "a-shop-appmesh-ingress-http1", ["protocol_version"] = "HTTP1" },
            new JsonObject { ["name"] = "b-shop-appmesh-ingress-http2", ["protocol_version"] = "HTTP2" });
        File.WriteAllText(extra, new JsonObject { ["lattice"] = lattice }.ToJsonString());

        var (exit, _, stderr) = TerraformModules.Check("tfvars", TerraformModules.ModuleOf("aws-ecs"), inputs, TerraformModules.EnvironmentFile("aws-ecs"), extra);

        Assert.NotEqual(0, exit);
        Assert.Contains("must share one protocol_version", stderr);
    }

    [Fact]
    public void EcsService_RegistersTheVirtualGatewayPortInEveryIngressTargetGroup_AndLatticeReachesIt()
    {
        var (inputs, file) = RenderedFile("aws-ecs", s_migrating);
        var arns = AllArns(inputs);
        var ingressArns = IngressGroups(inputs).Select(g => (string)arns[g.Name]!).Order().ToList();
        var extra = Path.Combine(_dir, "ecs-arns.tfvars.json");
        File.WriteAllText(extra, new JsonObject { ["lattice_gateway_target_group_arns"] = arns }.ToJsonString());

        var found = TerraformModules.Eval("aws-ecs", [file, extra],
            "resource.aws_ecs_service.gateway[0].vpc_lattice_configurations", "jsondecode(resource.aws_ecs_task_definition.gateway[0].container_definitions)",
            "resource.aws_vpc_security_group_ingress_rule.from_lattice");

        var configurations = found["resource.aws_ecs_service.gateway[0].vpc_lattice_configurations"]!.AsArray();
        Assert.Equal(ingressArns, configurations.Where(c => (string)c!["port_name"]! == "appmesh-ingress").Select(c => (string)c!["target_group_arn"]!).Order());
        Assert.Equal(arns.Count, configurations.Count);
        var envoy = found["jsondecode(resource.aws_ecs_task_definition.gateway[0].container_definitions)"]!.AsArray()
            .Single(c => (string)c!["name"]! == DataPath.AppMeshIngressGateway)!;
        Assert.Contains(envoy["portMappings"]!.AsArray(), m => (string?)m!["name"] == "appmesh-ingress" && (int)m["containerPort"]! == DataPath.AppMeshIngressPort);
        Assert.Equal(["15180", "15181", "15190"], found["resource.aws_vpc_security_group_ingress_rule.from_lattice"]!.AsObject().Select(r => r.Key).Order());
    }

    [Fact]
    public void EcsService_MissingIngressTargetGroupArn_IsRefusedAtPlan()
    {
        var (inputs, file) = RenderedFile("aws-ecs", s_migrating);
        var arns = AllArns(inputs);
        arns.Remove(IngressGroups(inputs)[0].Name);
        var extra = Path.Combine(_dir, "missing-arn.tfvars.json");
        File.WriteAllText(extra, new JsonObject { ["lattice_gateway_target_group_arns"] = arns }.ToJsonString());

        var found = TerraformModules.Eval("aws-ecs", [file, extra],
            "alltrue([for name in concat(local.lattice_target_groups, local.lattice_ingress_target_groups) : contains(keys(var.lattice_gateway_target_group_arns), name)])");

        Assert.False((bool)found.Single().Value!);
    }

    [Fact]
    public void EksPods_AreTheIngressTargetThroughTheServiceTheGatewayApiRenderingNames()
    {
        var found = Eval("aws-eks", s_migrating, "resource.kubernetes_service_v1.app_mesh_ingress", "resource.kubernetes_service_v1.local[0].spec[0].selector",
            "resource.aws_vpc_security_group_ingress_rule.from_lattice_eks", "resource.kubernetes_network_policy_v1.ingress_only_gateway_ports[0].spec[0].ingress[0].ports");

        var service = Assert.Single(found["resource.kubernetes_service_v1.app_mesh_ingress"]!.AsArray())!;
        Assert.Equal(DataPath.AppMeshIngressGateway, (string)service["metadata"]![0]!["name"]!);
        Assert.Contains("kubernetes_namespace_v1.gateway", (string)service["metadata"]![0]!["namespace"]!);
        var spec = service["spec"]![0]!;
        Assert.Equal(DataPath.AppMeshIngressPort, (int)spec["port"]![0]!["port"]!);
        Assert.Equal(found["resource.kubernetes_service_v1.local[0].spec[0].selector"]!.ToJsonString(), spec["selector"]!.ToJsonString());
        Assert.Contains("15181", found["resource.aws_vpc_security_group_ingress_rule.from_lattice_eks"]!.AsObject().Select(r => r.Key));
        Assert.Contains(found["resource.kubernetes_network_policy_v1.ingress_only_gateway_ports[0].spec[0].ingress[0].ports"]!.AsArray(),
            p => (string)p!["port"]! == "15181");
    }

    [Fact]
    public void EksPods_NotMigrating_HaveNoIngressService()
    {
        var found = Eval("aws-eks", migration: null, "length(resource.kubernetes_service_v1.app_mesh_ingress)");

        Assert.Equal(0, (int)found.Single().Value!);
    }

    private static FederatedMesh MigratingShop(SiteMigration migration)
    {
        var shop = TerraformGolden.Load(RepoPaths.Of("examples/shop"));
        return shop with { Sites = [.. shop.Sites.Select(s => s.Name != "aws-use1" ? s : s with { Mesh = MeshKind.VpcLattice, Migration = migration })] };
    }

    private static List<(string Name, string ProtocolVersion)> IngressGroups(JsonNode inputs) =>
        [.. inputs["lattice"]!["app_mesh_ingress_target_groups"]!.AsArray().Select(g => ((string)g!["name"]!, (string)g["protocol_version"]!))];

    /// <summary>An ARN for every target group the inputs name, the gateway's and the ingress ones, as `meshfed apply` would have created them.</summary>
    private static JsonObject AllArns(JsonNode inputs)
    {
        var names = inputs["lattice"]!["gateway_target_groups"]!.AsArray().Select(g => (string)g!["name"]!).Concat(IngressGroups(inputs).Select(g => g.Name)).ToList();
        var arns = new JsonObject();
        for (var i = 0; i < names.Count; i++)
            arns[names[i]] = $"arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-{i:D17}";
        return arns;
    }

    private JsonNode Rendered(string environment, SiteMigration? migration) => RenderedFile(environment, migration).Inputs;

    private (JsonNode Inputs, string File) RenderedFile(string environment, SiteMigration? migration)
    {
        var file = TerraformModules.Inputs(_dir, environment, MeshKind.VpcLattice, migration);
        return (JsonNode.Parse(File.ReadAllText(file))!, file);
    }

    private JsonObject Eval(string environment, SiteMigration? migration, params string[] expressions) =>
        TerraformModules.Eval(environment, [TerraformModules.Inputs(_dir, environment, MeshKind.VpcLattice, migration)], expressions);
}
