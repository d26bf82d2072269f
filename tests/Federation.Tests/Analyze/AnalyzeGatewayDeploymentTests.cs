using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// GatewayDeployment says what the Terraform modules create; these tests read the modules' HCL (parsed by
/// HashiCorp's parser, @cdktf/hcl2json) so the analyzer does not just trust itself. When a module changes a
/// field the analyzer relies on, the test names it.
/// </summary>
public sealed class AnalyzeGatewayDeploymentTests
{
    private static JsonNode Hcl(string file)
    {
        var (exit, stdout, stderr) = NodeTool.Run("terraform", "@cdktf/hcl2json", "hcl-json.mjs", [RepoPaths.Of($"terraform/modules/{file}")]);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }

    private static GatewayDeployment For(CloudProvider provider, MeshKind mesh, GatewayPlatform platform) => GatewayDeployment.For(new Site
    {
        Name = "s",
        Provider = provider,
        Mesh = mesh,
        MeshTrustDomain = "cluster.local",
        Gateway = new SiteGateway { Address = "10.0.0.1", Platform = platform },
    }, null);

    private static IEnumerable<JsonNode> Resources(JsonNode hcl, string type) =>
        hcl["resource"]?[type] is JsonObject byName ? byName.Select(r => r.Value!.AsArray()[0]!) : [];

    private static JsonNode LocalService(JsonNode hcl) => hcl["resource"]!["kubernetes_service_v1"]!["local"]!.AsArray()[0]!;

    [Theory]
    [InlineData("gcp-gateway/gke.tf", CloudProvider.Gcp, MeshKind.Istio, GatewayPlatform.Gke)]
    [InlineData("aws-gateway/eks.tf", CloudProvider.Aws, MeshKind.Istio, GatewayPlatform.Eks)]
    public void ServicePorts_AreTheNamesTheModuleGivesTheLocalServicesPorts(string file, CloudProvider provider, MeshKind mesh, GatewayPlatform platform)
    {
        var service = LocalService(Hcl(file));
        var ports = service["spec"]!.AsArray()[0]!["port"]!.AsArray()
            .ToDictionary(p => p!["port"]!.GetValue<string>(), p => p!["name"]!.GetValue<string>());
        var deployment = For(provider, mesh, platform);

        Assert.Equal(ports["${var.gateway.local_port}"], deployment.ServicePorts.Single(p => p.Number == DataPath.LocalListenerPort).Name);
        Assert.Equal(ports["${var.gateway.admin_port}"], deployment.ServicePorts.Single(p => p.Number == DataPath.AdminPort).Name);
        Assert.Equal(2, deployment.ServicePorts.Count);
        Assert.Equal(ports.Count, deployment.ServicePorts.Count);
        // The Service is named and placed by the kubernetes input, whose rendered values are meshfed-gateway/meshfed-system.
        Assert.Equal("${var.kubernetes.service_name}", service["metadata"]!.AsArray()[0]!["name"]!.GetValue<string>());
        Assert.Equal([$"{DataPath.GatewayService}.{DataPath.GatewayNamespace}.svc.cluster.local"], deployment.LocalNames);
    }

    [Fact]
    public void MeshSidecar_IsInjectedExactlyWhereTheModulesLabelTheNamespace()
    {
        var gke = Hcl("gcp-gateway/gke.tf")["resource"]!["kubernetes_namespace_v1"]!["gateway"]!.AsArray()[0]!["metadata"]!.AsArray()[0]!["labels"]!.GetValue<string>();
        var eks = Hcl("aws-gateway/eks.tf")["resource"]!["kubernetes_namespace_v1"]!["gateway"]!.AsArray()[0]!["metadata"]!.AsArray()[0]!["labels"]!.GetValue<string>();

        // gke.tf always labels for injection; eks.tf only on Istio sites.
        Assert.Contains("\"istio-injection\" = \"enabled\"", gke);
        Assert.DoesNotContain("?", gke);
        Assert.True(For(CloudProvider.Gcp, MeshKind.Istio, GatewayPlatform.Gke).MeshSidecar);
        Assert.Contains("var.mesh_kind == \"istio\" ? { \"istio-injection\" = \"enabled\" } : {}", eks);
        Assert.True(For(CloudProvider.Aws, MeshKind.Istio, GatewayPlatform.Eks).MeshSidecar);
        Assert.False(For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Eks).MeshSidecar);
    }

    [Fact]
    public void CloudMapNames_AreEmptyExactlyWhileTheEcsServiceHasNoServiceRegistries()
    {
        var service = Hcl("aws-gateway/ecs.tf")["resource"]!["aws_ecs_service"]!["gateway"]!.AsArray()[0]!.AsObject();
        var registers = service.ContainsKey("service_registries");

        Assert.Equal(registers, GatewayDeployment.EcsRegistersInCloudMap);
        Assert.Equal(registers, For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Ecs).CloudMapNames.Count > 0);
        Assert.Empty(For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Ecs).LocalNames);
    }

    [Theory]
    [InlineData("aws-gateway/ecs.tf", GatewayPlatform.Ecs)]
    [InlineData("aws-gateway/eks.tf", GatewayPlatform.Eks)]
    public void Ingress_IsAnEnvoyBesideTheGatewayWithNoNameOfItsOwnAndNoSdsSocket(string file, GatewayPlatform platform)
    {
        var text = Hcl(file).ToJsonString();
        var deployment = For(CloudProvider.Aws, MeshKind.AppMesh, platform);

        // The virtual gateway's Envoy is a container of the same task or pod, listening on app_mesh.ingress_port.
        Assert.Contains("APPMESH_RESOURCE_ARN", text);
        Assert.Contains("ingress_port", text);
        Assert.Equal(DataPath.AppMeshIngressPort, deployment.IngressBesidePort);
        // Nothing gives it a name: no Service, no Cloud Map service, no Route 53 record.
        Assert.DoesNotContain("aws_service_discovery_service", text);
        Assert.DoesNotContain("aws_route53_record", text);
        Assert.DoesNotContain(Resources(Hcl(file), "kubernetes_service_v1"), s => s["metadata"]!.ToJsonString().Contains("ingress", StringComparison.Ordinal));
        Assert.Empty(deployment.IngressNames);
        Assert.Equal(text.Contains("APPMESH_SDS_SOCKET_PATH", StringComparison.Ordinal), GatewayDeployment.VirtualGatewaySdsSocket);
        Assert.False(platform == GatewayPlatform.Ecs && deployment.SdsSocket, "SPIRE is not supported on Amazon ECS");
    }

    [Theory]
    [InlineData("onprem-gateway/main.tf", CloudProvider.OnPrem)]
    [InlineData("gcp-gateway/mig.tf", CloudProvider.Gcp)]
    public void HostPlatforms_CreateNoKubernetesObjectsSoTheGatewayIsNoMeshWorkload(string file, CloudProvider provider)
    {
        var hcl = Hcl(file);
        var deployment = For(provider, MeshKind.Istio, GatewayPlatform.Vm);

        Assert.Empty(Resources(hcl, "kubernetes_service_v1"));
        Assert.Empty(Resources(hcl, "kubernetes_deployment_v1"));
        Assert.False(deployment.MeshSidecar);
        Assert.False(deployment.InKubernetes);
        Assert.Empty(deployment.LocalNames);
        Assert.Empty(deployment.ServicePorts);
    }

    [Theory]
    [InlineData("aws-gateway/variables.tf", "local_port")]
    [InlineData("aws-gateway/variables.tf", "admin_port")]
    public void BoundPorts_AreTheModulesGatewayPortInputs(string file, string input)
    {
        var gateway = Hcl(file)["variable"]!["gateway"]!.AsArray()[0]!["type"]!.GetValue<string>();

        Assert.Contains(input, gateway);
        var deployment = For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Ecs);
        Assert.Contains(input == "local_port" ? DataPath.LocalListenerPort : DataPath.AdminPort, deployment.BoundPorts);
    }
}
