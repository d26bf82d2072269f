using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// What each gateway module creates for a shop site on each platform, evaluated by check.mjs eval from the
/// translator's inputs and the platform's environment (locals and resource arguments, as terraform plan has them
/// before any provider call): the deployment side of the fixed data path (docs/data-path.md) and of the
/// fidelity and security reviews' rows.
/// </summary>
public sealed class TerraformModulePlanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-tfplan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Fidelity row 1, security E19: the admin listener defaults to loopback in the gateway, so every module names
    // each listener, on the ports of the data path.
    [Theory]
    [InlineData("aws-ecs")]
    [InlineData("aws-eks")]
    [InlineData("gcp-gke")]
    [InlineData("gcp-mig")]
    [InlineData("onprem-kubernetes")]
    [InlineData("onprem-vm")]
    public void GatewayArgs_EveryPlatform_ListenOnTheDataPathPortsWithTheAdminOnTheNetwork(string environment)
    {
        var args = Args(Eval(environment, "local.gateway_args")["local.gateway_args"]);

        Assert.Equal(["gateway", "/etc/meshfed/manifest", "--site"], args[..3]);
        Assert.Equal("0.0.0.0:15180", After(args, "--local-listen"));
        Assert.Equal("0.0.0.0:15190", After(args, "--admin-listen"));
    }

    // Security E2 / fidelity row 5: XFCC is trusted only where the site's Istio sidecar fronts the local listener.
    [Theory]
    [InlineData("aws-eks", MeshKind.Istio, "127.0.0.6/32")]
    [InlineData("gcp-gke", null, "127.0.0.6/32")]
    [InlineData("onprem-kubernetes", null, "127.0.0.6/32")]
    [InlineData("aws-ecs", null, null)]
    [InlineData("aws-eks", null, null)]
    [InlineData("gcp-mig", null, null)]
    [InlineData("onprem-vm", null, null)]
    public void GatewayArgs_SidecarOrNot_TrustXfccOnlyFromTheSidecar(string environment, MeshKind? mesh, string? trusted)
    {
        var args = Args(Eval(environment, mesh, "local.gateway_args")["local.gateway_args"]);

        Assert.Equal(trusted, After(args, "--trust-xfcc-from"));
    }

    // Fidelity rows 1, 2, 6, 14: the Istio platforms run meshfed-gateway in meshfed-system with the sidecar, its
    // Service ports named for Istio's protocol selection, and the sidecar kept off the peer port.
    [Theory]
    [InlineData("aws-eks", MeshKind.Istio)]
    [InlineData("gcp-gke", null)]
    [InlineData("onprem-kubernetes", null)]
    public void Kubernetes_IstioSite_IsAMeshWorkloadWithTheDataPathsNamesAndPorts(string environment, MeshKind? mesh)
    {
        var found = Eval(environment, mesh,
            "resource.kubernetes_namespace_v1.gateway[0].metadata[0]",
            "resource.kubernetes_service_account_v1.gateway[0].metadata[0].name",
            "resource.kubernetes_deployment_v1.gateway[0]",
            "resource.kubernetes_service_v1.local[0]");

        var ns = found["resource.kubernetes_namespace_v1.gateway[0].metadata[0]"]!;
        Assert.Equal("meshfed-system", (string)ns["name"]!);
        Assert.Equal("enabled", (string)ns["labels"]!["istio-injection"]!);
        var deployment = found["resource.kubernetes_deployment_v1.gateway[0]"]!;
        Assert.Equal("meshfed-gateway", (string)deployment["metadata"]![0]!["name"]!);
        var template = deployment["spec"]![0]!["template"]![0]!;
        Assert.Equal("meshfed-gateway", (string)template["metadata"]![0]!["labels"]!["app"]!);
        Assert.Equal("15443", (string)template["metadata"]![0]!["annotations"]!["traffic.sidecar.istio.io/excludeInboundPorts"]!);
        var pod = template["spec"]![0]!;
        Assert.Equal("meshfed-gateway", (string)found["resource.kubernetes_service_account_v1.gateway[0].metadata[0].name"]!);
        Assert.Contains("kubernetes_service_account_v1.gateway", (string)pod["service_account_name"]!);
        var gateway = pod["container"]!.AsArray().Single(c => (string)c!["name"]! == "gateway")!;
        Assert.Equal(15190, (int)gateway["readiness_probe"]![0]!["http_get"]![0]!["port"]!);
        var service = found["resource.kubernetes_service_v1.local[0]"]!;
        Assert.Equal("meshfed-gateway", (string)service["metadata"]![0]!["name"]!);
        var ports = service["spec"]![0]!["port"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (int)p!["port"]!);
        Assert.Equal(new Dictionary<string, int> { ["http2-local"] = 15180, ["http-admin"] = 15190, ["tls-peer"] = 15443 }, ports);
    }

    // Fidelity row 6: the on-prem default is the site's own cluster; the host files exist only on vm.
    [Theory]
    [InlineData("onprem-kubernetes", 1, 0)]
    [InlineData("onprem-vm", 0, 1)]
    public void Onprem_Platform_CreatesEitherTheDeploymentOrTheHostFiles(string environment, int deployments, int units)
    {
        var found = Eval(environment, "length(resource.kubernetes_deployment_v1.gateway)", "length(resource.local_file.unit)", "length(resource.local_file.firewall)");

        Assert.Equal(deployments, (int)found["length(resource.kubernetes_deployment_v1.gateway)"]!);
        Assert.Equal(units, (int)found["length(resource.local_file.unit)"]!);
        Assert.Equal(units, (int)found["length(resource.local_file.firewall)"]!);
    }

    // Fidelity row 3: on ECS the remote virtual nodes discover the gateway in Cloud Map, where its service registers.
    [Fact]
    public void Ecs_AppMeshSite_RegistersTheGatewayInTheCloudMapNamespaceTheRenderingNames()
    {
        var found = Eval("aws-ecs",
            "resource.aws_service_discovery_private_dns_namespace.gateway",
            "resource.aws_service_discovery_service.gateway",
            "resource.aws_ecs_service.gateway[0].service_registries");

        var ns = Assert.Single(found["resource.aws_service_discovery_private_dns_namespace.gateway"]!.AsArray())!;
        Assert.Equal(DataPath.AwsCloudMapNamespace, (string)ns["name"]!);
        Assert.Equal("vpc-0123456789abcdef0", (string)ns["vpc"]!);
        var service = Assert.Single(found["resource.aws_service_discovery_service.gateway"]!.AsArray())!;
        Assert.Equal(DataPath.GatewayService, (string)service["name"]!);
        Assert.Equal("A", (string)service["dns_config"]![0]!["dns_records"]![0]!["type"]!);
        Assert.Single(found["resource.aws_ecs_service.gateway[0].service_registries"]!.AsArray());
    }

    [Fact]
    public void Ecs_SiteWithoutAppMesh_HasNoCloudMapRegistration()
    {
        var found = Eval("aws-ecs", MeshKind.VpcLattice,
            "length(resource.aws_service_discovery_service.gateway)", "resource.aws_ecs_service.gateway[0]");

        Assert.Equal(0, (int)found["length(resource.aws_service_discovery_service.gateway)"]!);
        Assert.Null(found["resource.aws_ecs_service.gateway[0]"]!["service_registries"]);
    }

    // Fidelity rows 3 and 9 (ECS): the virtual gateway's Envoy is a container of the gateway's task on 15181,
    // reachable by no security group rule, with file certificates (SPIRE is not supported on ECS): the mesh
    // identity from the app_mesh_ingress_tls secrets, in its own folder, at exactly the paths the rendered virtual
    // gateway names. The federation trust folder (another identity, another CA, and the federation key) stays out.
    [Fact]
    public void Ecs_AppMeshSite_RunsTheVirtualGatewayInTheTaskWithFileCertificates()
    {
        var containers = EcsContainers("aws-ecs");

        var ingress = containers[DataPath.AppMeshIngressGateway];
        Assert.Equal(DataPath.AppMeshIngressPort, (int)ingress["portMappings"]![0]!["containerPort"]!);
        var rendered = RenderedVirtualGatewayFiles();
        var folder = Assert.Single(rendered.Select(Path.GetDirectoryName).Distinct());
        var mount = Assert.Single(ingress["mountPoints"]!.AsArray())!;
        Assert.Equal(("appmesh-tls", folder, true), ((string)mount["sourceVolume"]!, (string?)mount["containerPath"], (bool)mount["readOnly"]!));
        Assert.DoesNotContain(containers.Values.SelectMany(c => c["mountPoints"]!.AsArray()),
            m => (string)m!["sourceVolume"]! == "trust" && (string)m["containerPath"]! == folder);
        Assert.DoesNotContain(ingress["environment"]!.AsArray(), e => (string)e!["name"]! == "APPMESH_SDS_SOCKET_PATH");
        Assert.EndsWith(":1654", (string)ingress["user"]!);
        // materialize writes, and trust-refresh replaces, exactly the files the rendering names.
        var materialize = (string)containers["materialize"]["command"]![0]!;
        var refresh = (string)containers["trust-refresh"]["command"]![0]!;
        Assert.Contains($"dir={folder}\n", refresh);
        foreach (var file in rendered)
        {
            Assert.Contains($"> {file}\n", materialize);
            var name = Path.GetFileName(file);
            Assert.Contains($"mv -f \"$dir/.{name}.new\" \"$dir/{name}\"", refresh);
        }
        Assert.Equal(["appmesh-tls", "manifest", "trust"],
            containers["materialize"]["mountPoints"]!.AsArray().Select(m => (string)m!["sourceVolume"]!).Order());
        Assert.DoesNotContain(containers["gateway"]["mountPoints"]!.AsArray(), m => (string)m!["sourceVolume"]! == "appmesh-tls");
        var admitted = Eval("aws-ecs", "resource.aws_vpc_security_group_ingress_rule.from_load_balancer")["resource.aws_vpc_security_group_ingress_rule.from_load_balancer"]!.AsObject();
        Assert.Equal(["15190", "15443"], admitted.Select(p => p.Key).Order());
    }

    // The mesh certificate comes from the app_mesh_ingress_tls secrets only: injected into materialize, re-read by
    // trust-refresh, and readable by the execution role and the task role on exactly those three secrets.
    [Fact]
    public void Ecs_AppMeshSite_TakesTheVirtualGatewaysMeshCertificateFromItsOwnSecrets()
    {
        var containers = EcsContainers("aws-ecs");
        var found = Eval("aws-ecs", "data_source.aws_iam_policy_document.task.statement",
            "data_source.aws_iam_policy_document.execution[0].statement", "data_source.aws_secretsmanager_secret.app_mesh_ingress_tls");

        var secrets = found["data_source.aws_secretsmanager_secret.app_mesh_ingress_tls"]!.AsObject();
        Assert.Equal(["meshfed/shop/aws-use1/appmesh-ingress/ca-bundle", "meshfed/shop/aws-use1/appmesh-ingress/cert-chain", "meshfed/shop/aws-use1/appmesh-ingress/private-key"],
            secrets.Select(s => (string)s.Value!["name"]!).Order());
        Assert.Equal(["MESHFED_APPMESH_CA_BUNDLE", "MESHFED_APPMESH_CERT_CHAIN", "MESHFED_APPMESH_PRIVATE_KEY"],
            containers["materialize"]["secrets"]!.AsArray().Select(e => (string)e!["name"]!).Where(n => n.StartsWith("MESHFED_APPMESH_", StringComparison.Ordinal)).Order());
        Assert.Equal(["MESHFED_APPMESH_CA_BUNDLE_ARN", "MESHFED_APPMESH_CERT_CHAIN_ARN", "MESHFED_APPMESH_PRIVATE_KEY_ARN"],
            containers["trust-refresh"]["environment"]!.AsArray().Select(e => (string)e!["name"]!).Where(n => n.StartsWith("MESHFED_APPMESH_", StringComparison.Ordinal)).Order());
        foreach (var policy in new[] { "data_source.aws_iam_policy_document.task.statement", "data_source.aws_iam_policy_document.execution[0].statement" })
        {
            var statement = found[policy]!.AsArray().Single(s => (string)s!["sid"]! == "AppMeshIngressTlsSecrets")!;
            Assert.Contains("secretsmanager:GetSecretValue", statement["actions"]!.AsArray().Select(a => (string)a!));
            Assert.Equal(3, statement["resources"]!.AsArray().Count);
        }
    }

    [Fact]
    public void Ecs_SiteWithoutAppMesh_HasNoMeshCertificateFolderOrSecrets()
    {
        var containers = EcsContainers("aws-ecs", MeshKind.VpcLattice);
        var found = Eval("aws-ecs", MeshKind.VpcLattice, "length(data_source.aws_secretsmanager_secret.app_mesh_ingress_tls)", "data_source.aws_iam_policy_document.task.statement");

        Assert.Equal(0, (int)found["length(data_source.aws_secretsmanager_secret.app_mesh_ingress_tls)"]!);
        Assert.DoesNotContain(found["data_source.aws_iam_policy_document.task.statement"]!.AsArray(), s => (string)s!["sid"]! == "AppMeshIngressTlsSecrets");
        Assert.DoesNotContain(containers.Values.SelectMany(c => c["mountPoints"]!.AsArray()), m => (string)m!["sourceVolume"]! == "appmesh-tls");
        Assert.DoesNotContain("appmesh-tls", (string)containers["trust-refresh"]["command"]![0]!);
    }

    // Fidelity row 9 (EKS): the virtual gateway's Envoy gets its SVID from the SPIRE agent over SDS, and only the
    // gateway reaches it.
    [Fact]
    public void Eks_AppMeshSite_MountsTheSpireSocketIntoTheVirtualGatewaysEnvoyAndAdmitsOnlyTheGatewaysPorts()
    {
        var found = Eval("aws-eks", "resource.kubernetes_deployment_v1.gateway[0].spec[0].template[0].spec[0]",
            "resource.kubernetes_network_policy_v1.ingress_only_gateway_ports[0].spec[0].ingress[0].ports");

        var pod = found["resource.kubernetes_deployment_v1.gateway[0].spec[0].template[0].spec[0]"]!;
        var ingress = pod["container"]!.AsArray().Single(c => (string)c!["name"]! == DataPath.AppMeshIngressGateway)!;
        Assert.Equal(DataPath.AppMeshIngressPort, (int)ingress["port"]![0]!["container_port"]!);
        var env = ingress["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);
        Assert.Equal("/run/spire/sockets/agent.sock", env["APPMESH_SDS_SOCKET_PATH"]);
        Assert.Equal("/run/spire/sockets", (string)ingress["volume_mount"]![0]!["mount_path"]!);
        var socket = pod["volume"]!.AsArray().Single(v => (string)v!["name"]! == "spire-agent-socket")!;
        Assert.Equal("/run/spire/sockets", (string)socket["host_path"]![0]!["path"]!);
        // Only the gateway, over the pod's loopback, reaches the virtual gateway: other pods get the gateway's ports.
        var admitted = found["resource.kubernetes_network_policy_v1.ingress_only_gateway_ports[0].spec[0].ingress[0].ports"]!.AsArray();
        Assert.Equal(["15180", "15190", "15443"], admitted.Select(p => (string)p!["port"]!).Order());
    }

    // Fidelity row 19: the gateway's role manages no App Mesh resource; the Envoy may only stream its own config.
    [Theory]
    [InlineData("aws-ecs", null, true)]
    [InlineData("aws-eks", null, true)]
    [InlineData("aws-eks", MeshKind.Istio, false)]
    public void TaskRole_AppMesh_OnlyStreamAggregatedResourcesOnTheVirtualGateway(string environment, MeshKind? mesh, bool appMesh)
    {
        var found = Eval(environment, mesh, "data_source.aws_iam_policy_document.task.statement");

        var statements = found["data_source.aws_iam_policy_document.task.statement"]!.AsArray();
        var appMeshActions = statements.SelectMany(s => s!["actions"]!.AsArray().Select(a => (string)a!)).Where(a => a.StartsWith("appmesh:", StringComparison.Ordinal)).ToList();
        Assert.Equal(appMesh ? ["appmesh:StreamAggregatedResources"] : [], appMeshActions);
        if (appMesh)
        {
            var envoy = statements.Single(s => (string)s!["sid"]! == "EnvoyConfiguration")!;
            Assert.Equal(["(known after apply: aws_appmesh_virtual_gateway.ingress.arn)"], envoy["resources"]!.AsArray().Select(r => (string)r!));
        }
    }

    // Fidelity row 20: ECS resolves `secrets` once per container start; a sidecar re-reads them as the task role
    // (on App Mesh sites the virtual gateway's mesh certificate secrets too).
    [Fact]
    public void Ecs_TrustFiles_AreRefreshedBySidecarThatMayReadTheSecrets()
    {
        var refresh = EcsContainers("aws-ecs")["trust-refresh"];
        var statements = Eval("aws-ecs", "data_source.aws_iam_policy_document.task.statement")["data_source.aws_iam_policy_document.task.statement"]!.AsArray();

        Assert.True((bool)refresh["essential"]!);
        var script = (string)refresh["command"]![0]!;
        Assert.Contains("sleep 3600", script);
        Assert.Contains("aws secretsmanager get-secret-value", script);
        Assert.Contains("mv -f \"$dir/.gateway.key.new\" \"$dir/gateway.key\"", script);
        Assert.Equal(["MESHFED_APPMESH_CA_BUNDLE_ARN", "MESHFED_APPMESH_CERT_CHAIN_ARN", "MESHFED_APPMESH_PRIVATE_KEY_ARN",
            "MESHFED_GATEWAY_CERT_ARN", "MESHFED_GATEWAY_KEY_ARN", "MESHFED_TRUST_BUNDLE_ARN"],
            refresh["environment"]!.AsArray().Select(e => (string)e!["name"]!).Where(n => n.EndsWith("_ARN", StringComparison.Ordinal)).Order());
        Assert.Contains(statements, s => (string)s!["sid"]! == "TrustSecrets" && s["actions"]!.AsArray().Any(a => (string)a! == "secretsmanager:GetSecretValue"));
    }

    // Fidelity row 21, security E19: the host's gateway shares the host's network namespace (no DNAT past the
    // input chain), and the rule set admits each port only from its own sources.
    [Fact]
    public void OnpremVm_HostGateway_RunsInTheHostNetworkAndEveryPortIsFiltered()
    {
        var found = Eval("onprem-vm", "local.unit", "local.nftables");

        var unit = (string)found["local.unit"]!;
        Assert.Contains("--network=host", unit);
        Assert.DoesNotContain(" -p ", unit);
        var rules = ((string)found["local.nftables"]!).Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("iif \"lo\" tcp dport { 15443, 15180, 15190 } accept", rules);
        Assert.Contains("ip saddr 3.210.0.10/32 tcp dport 15443 accept", rules);
        Assert.Contains("ip saddr 10.20.0.0/16 tcp dport 15180 accept", rules);
        Assert.Contains("ip6 saddr fd00:20::/48 tcp dport 15180 accept", rules);
        Assert.Contains("ip saddr 10.20.9.0/24 tcp dport 15190 accept", rules);
        foreach (var port in new[] { 15443, 15180, 15190 })
            Assert.True(rules.IndexOf($"tcp dport {port} drop") > rules.FindLastIndex(r => r.EndsWith($"tcp dport {port} accept", StringComparison.Ordinal)), $"port {port} is not dropped after its accepts");
    }

    /// <summary>
    /// The files the App Mesh rendering of the shop's aws-use1 site (on ECS) names in its virtual gateway: the
    /// certificate chain and key it presents and the CA bundle it validates with (AppMeshTls's constants).
    /// </summary>
    private static string[] RenderedVirtualGatewayFiles()
    {
        var shop = TerraformGolden.Load(RepoPaths.Of("examples/shop"));
        var onEcs = shop with
        {
            Sites = [.. shop.Sites.Select(s => s.Name != "aws-use1" ? s : s with { Gateway = s.Gateway! with { Platform = GatewayPlatform.Ecs } })],
        };
        var rendering = AppMeshTranslator.Translate(onEcs, "aws-use1");
        var gateway = rendering.Resources.Single(r => r.Kind == AppMeshResourceKind.VirtualGateway && r.Name == DataPath.AppMeshIngressGateway);
        var tls = Assert.IsType<VirtualGatewaySpec>(gateway.Spec).BackendDefaults.ClientPolicy.Tls;
        return
        [
            tls.Certificate.File!.CertificateChain,
            tls.Certificate.File.PrivateKey,
            tls.Validation.Trust.File!.CertificateChain,
        ];
    }

    private Dictionary<string, JsonNode> EcsContainers(string environment, MeshKind? mesh = null)
    {
        var definitions = Eval(environment, mesh, "jsondecode(resource.aws_ecs_task_definition.gateway[0].container_definitions)");
        return definitions.Single().Value!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!);
    }

    private JsonObject Eval(string environment, params string[] expressions) => Eval(environment, null, expressions);

    private JsonObject Eval(string environment, MeshKind? mesh, params string[] expressions) =>
        TerraformModules.Eval(environment, TerraformModules.Inputs(_dir, environment, mesh), expressions);

    private static string[] Args(JsonNode? node) => [.. node!.AsArray().Select(a => (string)a!)];

    private static string? After(string[] args, string option)
    {
        var i = Array.IndexOf(args, option);
        return i < 0 ? null : args[i + 1];
    }
}
