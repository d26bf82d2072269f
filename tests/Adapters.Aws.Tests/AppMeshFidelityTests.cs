using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>
/// One regression test per row of the fidelity review (the fidelity review of 2026-12-02, row numbers as there) that concerns the App Mesh
/// rendering, on testdata/appmesh/fidelity: a multi-port gRPC + HTTP service with a Cloud Map version and a 30 s
/// timeout, a gRPC service with service/method routes and a DNS version, an ECS and an EKS site.
/// </summary>
public class AppMeshFidelityTests
{
    private static readonly FederatedMesh s_mesh = AppMeshGolden.Load(Path.Combine(AppMeshGolden.Root, "fidelity", "manifest.yaml"));
    private static readonly AppMeshRendering s_ecs = AppMeshTranslator.Translate(s_mesh, "ecs1");
    private static readonly AppMeshRendering s_eks = AppMeshTranslator.Translate(s_mesh, "eks1");

    private static JsonObject Spec(AppMeshRendering rendering, AppMeshResourceKind kind, string name) =>
        rendering.Resources.Single(r => r.Kind == kind && r.Name == name).SpecJson();

    private static IEnumerable<AppMeshResource> RoutesOf(AppMeshRendering rendering, string router) =>
        rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.Route && r.RouterName == router);

    private static IEnumerable<string> Diagnostics(AppMeshRendering rendering, string service, string concept) =>
        rendering.Diagnostics.Where(d => d.Service == service && d.Concept == concept).Select(d => d.Message);

    [Fact]
    public void RemoteNode_OnEcs_FindsTheGatewayInCloudMap_AndOnEksByItsServiceName() // row 3
    {
        var ecs = Spec(s_ecs, AppMeshResourceKind.VirtualNode, "ledger-core-remote");
        var eks = Spec(s_eks, AppMeshResourceKind.VirtualNode, "ledger-core-remote");

        Assert.Equal("""{"awsCloudMap":{"namespaceName":"meshfed-system.local","serviceName":"meshfed-gateway"}}""", ecs["serviceDiscovery"]!.ToJsonString());
        Assert.Equal("""{"dns":{"hostname":"meshfed-gateway.meshfed-system.svc.cluster.local"}}""", eks["serviceDiscovery"]!.ToJsonString());
        Assert.Equal(15180, (int)ecs["listeners"]![0]!["portMapping"]!["port"]!);
    }

    [Fact]
    public void MultiPortService_GetsARouteSetPerListener_WithMatchAndTargetPorts() // row 8
    {
        var routes = RoutesOf(s_ecs, "api-apps").ToList();

        Assert.Equal(["meshfed-pinned-v1-9090", "canary-9090", "meshfed-pinned-v1-8080", "canary-8080"], routes.Select(r => r.Name));
        var grpc = routes.Single(r => r.Name == "canary-9090").SpecJson()["grpcRoute"]!;
        Assert.Equal(9090, (int)grpc["match"]!["port"]!);
        Assert.Equal(
            """[{"virtualNode":"api-apps-v1","weight":80,"port":9090},{"virtualNode":"api-apps-remote-9090","weight":20,"port":15180}]""",
            grpc["action"]!["weightedTargets"]!.ToJsonString());
        var http = routes.Single(r => r.Name == "canary-8080").SpecJson()["httpRoute"]!;
        Assert.Equal(8080, (int)http["match"]!["port"]!);
        Assert.Equal("http", (string)Spec(s_ecs, AppMeshResourceKind.VirtualNode, "api-apps-remote-8080")["listeners"]![0]!["portMapping"]!["protocol"]!);
    }

    [Fact]
    public void MultiPortService_GatewayRoutes_MatchThePortHeaderAndTargetThePort() // rows 8, 12, 27
    {
        var route = Spec(s_ecs, AppMeshResourceKind.GatewayRoute, "api-apps-9090")["http2Route"]!;

        Assert.Equal("""{"exact":"api.apps.svc.cluster.local"}""", route["match"]!["hostname"]!.ToJsonString());
        Assert.Equal("""[{"name":"x-meshfed-port","invert":false,"match":{"exact":"9090"}}]""", route["match"]!["headers"]!.ToJsonString());
        Assert.Equal(9090, (int)route["action"]!["target"]!["port"]!);
    }

    [Fact]
    public void Certificates_ComeFromFilesOnEcs_AndFromSdsOnEks() // row 9
    {
        var ecs = Spec(s_ecs, AppMeshResourceKind.VirtualNode, "ledger-core-v2")["listeners"]![0]!["tls"]!;
        var eks = Spec(s_eks, AppMeshResourceKind.VirtualNode, "ledger-core-v1")["listeners"]![0]!["tls"]!;

        Assert.NotNull(ecs["certificate"]!["file"]);
        Assert.Null(ecs["certificate"]!["sds"]);
        Assert.Equal("spiffe://cluster.local/ns/core/sa/ledger", (string)eks["certificate"]!["sds"]!["secretName"]!);
        Assert.Contains(Diagnostics(s_ecs, "meshfed-ingress", "tls"), m => m.Contains("SPIRE is not supported on Amazon ECS", StringComparison.Ordinal));
        Assert.Contains(Diagnostics(s_eks, "meshfed-ingress", "tls"), m => m.Contains("APPMESH_SDS_SOCKET_PATH", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_NamesTheExpectedSpiffeIds() // rows 10, 31
    {
        var node = Spec(s_ecs, AppMeshResourceKind.VirtualNode, "api-apps-v1");
        var client = node["backends"]!.AsArray().Single(b => (string)b!["virtualService"]!["virtualServiceName"]! == "ledger.core.svc.cluster.local")!;
        var gateway = Spec(s_ecs, AppMeshResourceKind.VirtualGateway, "meshfed-ingress");

        // The site's own mesh trust domain (ecs1.mesh), not a hard-coded cluster.local.
        Assert.Equal("""["spiffe://ecs1.mesh/ns/core/sa/ledger"]""",
            client["virtualService"]!["clientPolicy"]!["tls"]!["validation"]!["subjectAlternativeNames"]!["match"]!["exact"]!.ToJsonString());
        Assert.Contains("spiffe://ecs1.mesh/ns/meshfed-system/sa/meshfed-gateway",
            node["listeners"]![0]!["tls"]!["validation"]!["subjectAlternativeNames"]!["match"]!["exact"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("""["spiffe://ecs1.mesh/ns/apps/sa/api","spiffe://ecs1.mesh/ns/core/sa/ledger"]""",
            gateway["backendDefaults"]!["clientPolicy"]!["tls"]!["validation"]!["subjectAlternativeNames"]!["match"]!["exact"]!.ToJsonString());
    }

    [Fact]
    public void GrpcService_IsGrpcEndToEnd_WithServiceAndMethodMatches() // row 11
    {
        Assert.Equal("grpc", (string)Spec(s_eks, AppMeshResourceKind.VirtualRouter, "ledger-core")["listeners"]![0]!["portMapping"]!["protocol"]!);
        Assert.Equal("grpc", (string)Spec(s_eks, AppMeshResourceKind.VirtualNode, "ledger-core-v1")["listeners"]![0]!["portMapping"]!["protocol"]!);
        Assert.Equal("grpc", (string)Spec(s_eks, AppMeshResourceKind.VirtualNode, "ledger-core-remote")["listeners"]![0]!["portMapping"]!["protocol"]!);
        var routes = RoutesOf(s_ecs, "ledger-core").ToDictionary(r => r.Name, r => r.SpecJson()["grpcRoute"]!);
        Assert.Equal("""{"serviceName":"ledger.Ledger","methodName":"Post"}""", routes["post"]["match"]!.ToJsonString());
        Assert.Equal("""["unavailable","deadline-exceeded"]""", routes["post"]["retryPolicy"]!["grpcRetryEvents"]!.ToJsonString());
        Assert.Equal("""[{"name":"x-tenant","invert":false,"match":{"exact":"t1"}}]""", routes["by-service"]["match"]!["metadata"]!.ToJsonString());
        Assert.False(routes.ContainsKey("regex"));
        Assert.Contains(Diagnostics(s_ecs, "ledger", "traffic.routes[regex]"), m => m.Contains("grpcRoute matches the service and method", StringComparison.Ordinal));
    }

    [Fact]
    public void ListenerTimeouts_CoverTheLongestRouteTimeout() // row 16
    {
        var route = RoutesOf(s_ecs, "api-apps").Single(r => r.Name == "canary-9090").SpecJson()["grpcRoute"]!;
        var local = Spec(s_ecs, AppMeshResourceKind.VirtualNode, "api-apps-v1")["listeners"]!.AsArray();
        var remote = Spec(s_ecs, AppMeshResourceKind.VirtualNode, "api-apps-remote-8080")["listeners"]![0]!;

        Assert.Equal("""{"value":30,"unit":"s"}""", route["timeout"]!["perRequest"]!.ToJsonString());
        Assert.Equal("""{"grpc":{"perRequest":{"value":30,"unit":"s"}}}""", local[0]!["timeout"]!.ToJsonString());
        Assert.Equal("""{"http":{"perRequest":{"value":30,"unit":"s"}}}""", local[1]!["timeout"]!.ToJsonString());
        Assert.Equal("""{"http":{"perRequest":{"value":30,"unit":"s"}}}""", remote["timeout"]!.ToJsonString());
    }

    [Fact]
    public void RouteWithoutTimeout_StatesAppMeshsDefaultExplicitly() // row 30
    {
        var route = RoutesOf(s_ecs, "ledger-core").Single(r => r.Name == "default").SpecJson()["grpcRoute"]!;

        Assert.Equal("""{"value":15,"unit":"s"}""", route["timeout"]!["perRequest"]!.ToJsonString());
        Assert.Null(route["retryPolicy"]);
    }

    [Fact]
    public void RetriesOnRoutesToTheGateway_AreConnectionErrorsOnly() // row 24
    {
        var canary = RoutesOf(s_ecs, "api-apps").Single(r => r.Name == "canary-8080").SpecJson()["httpRoute"]!;
        var eksPost = RoutesOf(s_eks, "ledger-core").Single(r => r.Name == "post").SpecJson()["grpcRoute"]!;

        Assert.Equal("""{"maxRetries":2,"perRetryTimeout":{"value":30,"unit":"s"},"tcpRetryEvents":["connection-error"]}""", canary["retryPolicy"]!.ToJsonString());
        Assert.Null(eksPost["retryPolicy"]!["grpcRetryEvents"]);
        Assert.NotEmpty(Diagnostics(s_ecs, "api", "retries"));
    }

    [Fact]
    public void GrpcConnectionPool_MapsMaxRequests_AndSaysWhatItCannot() // row 25
    {
        var listener = Spec(s_ecs, AppMeshResourceKind.VirtualNode, "api-apps-v1")["listeners"]![0]!;

        Assert.Equal("""{"grpc":{"maxRequests":200}}""", listener["connectionPool"]!.ToJsonString());
        Assert.Contains(Diagnostics(s_ecs, "api", "circuitBreaker.maxConnections"), m => m.Contains("maxConnections is not rendered", StringComparison.Ordinal));
        Assert.Contains(Diagnostics(s_ecs, "api", "circuitBreaker.maxPendingRequests"), m => m.Contains("maxPendingRequests is not rendered", StringComparison.Ordinal));
    }

    [Fact]
    public void IngressListener_IsHttp2WhenAnyServedServiceIsGrpc() // row 23
    {
        var listener = Spec(s_ecs, AppMeshResourceKind.VirtualGateway, "meshfed-ingress")["listeners"]![0]!;

        Assert.Equal("http2", (string)listener["portMapping"]!["protocol"]!);
        Assert.Equal(15181, (int)listener["portMapping"]!["port"]!);
    }

    [Fact]
    public void ControllerRendering_LabelsNamespaces_AndGivesRemoteOnlyServicesAName() // rows 22, 13
    {
        var objects = AppMeshControllerTranslator.Translate(s_eks);

        var core = objects.Single(o => o.Kind == "Namespace" && o.Name == "core");
        Assert.Contains(new KeyValuePair<string, string>("mesh", "fid"), core.Labels);
        Assert.Contains(new KeyValuePair<string, string>("appmesh.k8s.aws/sidecarInjectorWebhook", "enabled"), core.Labels);
        var system = objects.Single(o => o.Kind == "Namespace" && o.Name == "meshfed-system");
        Assert.Contains(new KeyValuePair<string, string>("mesh", "fid"), system.Labels);
        Assert.DoesNotContain(system.Labels, l => l.Key == "appmesh.k8s.aws/sidecarInjectorWebhook");
        var web = objects.Single(o => o is { Kind: "Service", Name: "web", Namespace: "apps" });
        Assert.Null(web.Spec["selector"]);
        Assert.Equal(8080, (int)web.Spec["ports"]![0]!["port"]!);
        Assert.Contains(Diagnostics(s_ecs, "web", "dns"), m => m.Contains("Route 53", StringComparison.Ordinal));
    }

    [Fact]
    public void AllowRulesNamingCallersOnThisAppMeshSite_AreSaidToDeny() // row 5 (App Mesh side)
    {
        var message = Assert.Single(Diagnostics(s_ecs, "web", "security.allow"));

        Assert.Contains("(apps/api, spiffe://ecs1.mesh/ns/core/sa/ledger)", message, StringComparison.Ordinal);
        Assert.Empty(Diagnostics(s_eks, "web", "security.allow"));
    }

    [Fact]
    public void Warnings_AreSaidOncePerServiceAndConcept() // row 26a
    {
        Assert.Equal(s_ecs.Diagnostics.Count, s_ecs.Diagnostics.Distinct().Count());
        Assert.Single(Diagnostics(s_ecs, "api", "retries")); // two routes (one per port), one warning
        Assert.Empty(Diagnostics(s_eks, "ledger", "retries")); // an all-remote route loses nothing: the gateway retries it whole
    }
}
