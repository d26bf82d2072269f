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
        var (exit, stdout, stderr) = NodeToolServer.Run("terraform", "@cdktf/hcl2json", "hcl-json.mjs", [RepoPaths.Of($"terraform/modules/{file}")]);
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
    [InlineData("onprem-gateway/kubernetes.tf", CloudProvider.OnPrem, MeshKind.Istio, GatewayPlatform.Kubernetes)]
    public void ServicePorts_AreTheNamesTheModuleGivesTheLocalServicesPorts(string file, CloudProvider provider, MeshKind mesh, GatewayPlatform platform)
    {
        var service = LocalService(Hcl(file));
        var ports = service["spec"]!.AsArray()[0]!["port"]!.AsArray()
            .ToDictionary(p => p!["port"]!.GetValue<string>(), p => p!["name"]!.GetValue<string>());
        var deployment = For(provider, mesh, platform);

        Assert.Equal(ports["${var.gateway.local_port}"], deployment.ServicePorts.Single(p => p.Number == DataPath.LocalListenerPort).Name);
        Assert.Equal(ports["${var.gateway.admin_port}"], deployment.ServicePorts.Single(p => p.Number == DataPath.AdminPort).Name);
        Assert.Equal(ports["${var.gateway.peer_port}"], deployment.ServicePorts.Single(p => p.Number == SiteGateway.DefaultPort).Name);
        // Istio reads the protocol from the name: the local port must be HTTP/2 so gRPC keeps its trailers.
        Assert.Equal("HTTP/2", deployment.ServicePorts.Single(p => p.Number == DataPath.LocalListenerPort).IstioProtocol);
        Assert.Equal(ports.Count, deployment.ServicePorts.Count);
        // The Service is named and placed by the kubernetes input, whose rendered values are meshfed-gateway/meshfed-system.
        Assert.Equal("${var.kubernetes.service_name}", service["metadata"]!.AsArray()[0]!["name"]!.GetValue<string>());
        Assert.Equal([$"{DataPath.GatewayService}.{DataPath.GatewayNamespace}.svc.cluster.local"], deployment.LocalNames);
    }

    [Fact]
    public void MeshSidecar_IsInjectedExactlyWhereTheModulesLabelTheNamespace()
    {
        var gke = Hcl("gcp-gateway/gke.tf")["resource"]!["kubernetes_namespace_v1"]!["gateway"]!.AsArray()[0]!["metadata"]!.AsArray()[0]!["labels"]!.GetValue<string>();
        var onprem = Hcl("onprem-gateway/kubernetes.tf")["resource"]!["kubernetes_namespace_v1"]!["gateway"]!.AsArray()[0]!["metadata"]!.AsArray()[0]!["labels"]!.GetValue<string>();
        var eks = Hcl("aws-gateway/eks.tf")["resource"]!["kubernetes_namespace_v1"]!["gateway"]!.AsArray()[0]!["metadata"]!.AsArray()[0]!["labels"]!.GetValue<string>();

        // gke.tf always labels for injection; eks.tf only on Istio sites.
        Assert.Contains("\"istio-injection\" = \"enabled\"", gke);
        Assert.DoesNotContain("?", gke);
        Assert.True(For(CloudProvider.Gcp, MeshKind.Istio, GatewayPlatform.Gke).MeshSidecar);
        // kubernetes.tf (on-prem clusters) labels for injection always, as gke.tf.
        Assert.Contains("\"istio-injection\" = \"enabled\"", onprem);
        Assert.DoesNotContain("?", onprem);
        Assert.True(For(CloudProvider.OnPrem, MeshKind.Istio, GatewayPlatform.Kubernetes).MeshSidecar);
        Assert.True(For(CloudProvider.OnPrem, MeshKind.Istio, GatewayPlatform.Kubernetes).CallerIdentity);
        Assert.Contains("var.mesh_kind == \"istio\" ? { \"istio-injection\" = \"enabled\" } : {}", eks);
        Assert.True(For(CloudProvider.Aws, MeshKind.Istio, GatewayPlatform.Eks).MeshSidecar);
        Assert.False(For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Eks).MeshSidecar);
    }

    [Fact]
    public void CloudMapNames_AreWhatTheEcsServiceRegistersOnAppMeshSites()
    {
        var hcl = Hcl("aws-gateway/ecs.tf");
        var service = hcl["resource"]!["aws_ecs_service"]!["gateway"]!.AsArray()[0]!.AsObject();
        var registry = hcl["resource"]!["aws_service_discovery_service"]!["gateway"]!.AsArray()[0]!;
        var ns = hcl["resource"]!["aws_service_discovery_private_dns_namespace"]!["gateway"]!.AsArray()[0]!;
        var deployment = For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Ecs);

        // A dynamic block over the registry that exists exactly on App Mesh sites.
        var registries = service["dynamic"]?["service_registries"];
        Assert.Equal(registries is not null, GatewayModules.Current.EcsRegistersInCloudMap);
        Assert.Contains("aws_service_discovery_service.gateway", registries!.ToJsonString());
        // Only on App Mesh sites (the rendering discovers the gateway there), named after the app_mesh input,
        // whose rendered values are meshfed-system.local / meshfed-gateway (TerraformInputsTranslator).
        Assert.Contains("local.app_mesh", registry["count"]!.GetValue<string>());
        Assert.Equal("${var.app_mesh.cloud_map_namespace}", ns["name"]!.GetValue<string>());
        Assert.Equal("${var.app_mesh.cloud_map_service}", registry["name"]!.GetValue<string>());
        Assert.Equal([$"{DataPath.AwsCloudMapNamespace}/{DataPath.GatewayService}"], deployment.CloudMapNames);
        Assert.Empty(For(CloudProvider.Aws, MeshKind.Istio, GatewayPlatform.Ecs).CloudMapNames);
        Assert.Empty(For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Eks).CloudMapNames);
        Assert.Empty(deployment.LocalNames);
    }

    [Theory]
    [InlineData("aws-gateway/ecs.tf", GatewayPlatform.Ecs)]
    [InlineData("aws-gateway/eks.tf", GatewayPlatform.Eks)]
    public void Ingress_IsAnEnvoyBesideTheGatewayWithNoNameOfItsOwn(string file, GatewayPlatform platform)
    {
        var hcl = Hcl(file);
        var text = hcl.ToJsonString();
        var deployment = For(CloudProvider.Aws, MeshKind.AppMesh, platform);

        // The virtual gateway's Envoy is a container of the same task or pod, listening on app_mesh.ingress_port.
        Assert.Contains("APPMESH_RESOURCE_ARN", text);
        Assert.Contains("ingress_port", text);
        Assert.Equal(DataPath.AppMeshIngressPort, deployment.IngressBesidePort);
        // Nothing gives it a name: no Service, no Route 53 record; the only Cloud Map service is the gateway's.
        Assert.DoesNotContain("aws_route53_record", text);
        Assert.All(Resources(hcl, "aws_service_discovery_service"), r => Assert.Equal("${var.app_mesh.cloud_map_service}", r["name"]!.GetValue<string>()));
        Assert.DoesNotContain(Resources(hcl, "kubernetes_service_v1"), s => s["metadata"]!.ToJsonString().Contains("ingress", StringComparison.Ordinal));
        Assert.Empty(deployment.IngressNames);
    }

    // Istio captures every inbound port unless the pod says otherwise (Istio Resource Annotations,
    // traffic.sidecar.istio.io/excludeInboundPorts); the fidelity review of 2026-12-02, row 14.
    [Theory]
    [InlineData("gcp-gateway/gke.tf", CloudProvider.Gcp, GatewayPlatform.Gke)]
    [InlineData("aws-gateway/eks.tf", CloudProvider.Aws, GatewayPlatform.Eks)]
    [InlineData("onprem-gateway/kubernetes.tf", CloudProvider.OnPrem, GatewayPlatform.Kubernetes)]
    public void PeerPortCaptured_IsFalseWhereThePodExcludesThePeerPortFromInboundCapture(string file, CloudProvider provider, GatewayPlatform platform)
    {
        var hcl = Hcl(file).ToJsonString();

        var excluded = hcl.Contains("traffic.sidecar.istio.io/excludeInboundPorts", StringComparison.Ordinal) && hcl.Contains("var.gateway.peer_port", StringComparison.Ordinal);
        Assert.Equal(excluded, GatewayModules.Current.PeerPortOutsideSidecar);
        Assert.Equal(!excluded, For(provider, MeshKind.Istio, platform).PeerPortCaptured);
    }

    [Fact]
    public void SdsSocket_IsMountedIntoTheEksVirtualGatewayAndNeverOnEcs()
    {
        var eks = Hcl("aws-gateway/eks.tf").ToJsonString();
        var ecs = Hcl("aws-gateway/ecs.tf").ToJsonString();

        Assert.Equal(eks.Contains("APPMESH_SDS_SOCKET_PATH", StringComparison.Ordinal), GatewayModules.Current.EksVirtualGatewaySdsSocket);
        Assert.Contains("spire-agent-socket", eks);
        Assert.True(For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Eks).SdsSocket);
        // "SPIRE is not supported on Amazon ECS" (App Mesh user guide, Mutual TLS authentication).
        Assert.DoesNotContain("APPMESH_SDS_SOCKET_PATH", ecs);
        Assert.False(For(CloudProvider.Aws, MeshKind.AppMesh, GatewayPlatform.Ecs).SdsSocket);
    }

    [Theory]
    [InlineData("onprem-gateway/vm.tf", CloudProvider.OnPrem)]
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
