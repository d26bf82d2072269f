using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Migration;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Adapters.Aws.Tests.Migration;

/// <summary>
/// The weighted shift of a site leaving App Mesh (docs/migration.md) rendered on both sides: Lattice's forwards split
/// between its own target groups and the App Mesh ingress, and the App Mesh ingress routing what Lattice hands it.
/// </summary>
public class MigrationRenderingTests
{
    private static FederatedMesh Load(string migration, string services)
    {
        var loaded = ManifestLoader.LoadText($$"""
            apiVersion: meshfed.dev/v1alpha1
            kind: FederatedMesh
            metadata: { name: t }
            spec:
              trustDomain: t.example
              sites:
                - { name: aws, provider: aws, region: us-east-1, mesh: vpc-lattice, gateway: { address: gw.aws.example }{{migration}} }
                - { name: gke, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: gw.gke.example } }
              services:
            {{services}}
            """, "mesh.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return loaded.Mesh!;
    }

    private const string Canary = """
            - name: orders
              ports: [{ port: 8080 }]
              deployments: [{ site: aws, version: v1 }, { site: aws, version: v2 }]
              exportTo: []
              traffic:
                routes:
                  - to: [{ version: v1, weight: 33 }, { version: v2, weight: 67 }]
        """;

    private static IReadOnlyList<WeightedTargetGroup> DefaultForward(LatticeRendering rendering, string listener = "http-8080") =>
        rendering.Resources.Select(r => r.Input).OfType<CreateListenerInput>().Single(l => l.Name == listener).DefaultAction.Forward!.TargetGroups;

    private static string Group(string placeholder) => placeholder["{{targetGroup:".Length..^2];

    [Fact]
    public void Lattice_SplitsEachForward_KeepingProportions_AndTheRestGoesToTheAppMeshIngress()
    {
        var rendering = LatticeTranslator.Translate(Load(", migration: { from: appmesh, latticeWeight: 50 }", Canary), "aws");

        var forward = DefaultForward(rendering);

        // 33:67 of 50 is 16.5:33.5; largest remainder (a tie goes to the first) makes whole numbers that add up to 50.
        Assert.Equal([17, 33, 50], forward.Select(f => f.Weight));
        Assert.StartsWith("orders-default-v1-8080-", Group(forward[0].TargetGroupIdentifier));
        Assert.StartsWith("orders-default-appmesh-ingress-http1-", Group(forward[2].TargetGroupIdentifier));
        var ingress = rendering.Resources.Select(r => r.Input).OfType<CreateTargetGroupInput>().Single(t => t.Name == Group(forward[2].TargetGroupIdentifier));
        Assert.Equal(DataPath.AppMeshIngressPort, ingress.Config!.Port);
        Assert.Equal(TargetGroupProtocolVersion.Http1, ingress.Config.ProtocolVersion);
    }

    [Fact]
    public void Lattice_AtWeightZero_SendsEverythingToAppMesh()
    {
        var forward = DefaultForward(LatticeTranslator.Translate(Load(", migration: { from: appmesh, latticeWeight: 0 }", Canary), "aws"));

        var only = Assert.Single(forward);
        Assert.StartsWith("orders-default-appmesh-ingress-http1-", Group(only.TargetGroupIdentifier));
        Assert.Equal(100, only.Weight);
    }

    [Fact]
    public void Lattice_AtWeight100_IsExactlyTheUnmigratedRendering()
    {
        var migrated = LatticeTranslator.Translate(Load(", migration: { from: appmesh, latticeWeight: 100 }", Canary), "aws");
        var plain = LatticeTranslator.Translate(Load("", Canary), "aws");

        Assert.Equal(Json(plain), Json(migrated));
    }

    [Fact]
    public void Lattice_AServiceWithTwoRequestPorts_IsNotSplit_AndSaysWhy()
    {
        var rendering = LatticeTranslator.Translate(Load(", migration: { from: appmesh, latticeWeight: 10 }", """
                - name: api
                  ports: [{ port: 8080 }, { port: 9090, protocol: grpc }]
                  deployments: [{ site: aws, version: v1 }]
            """), "aws");

        Assert.Equal([100], DefaultForward(rendering).Select(f => f.Weight));
        Assert.Contains(rendering.Diagnostics, d => d.Concept == "migration" && d.Message.Contains("x-meshfed-port", StringComparison.Ordinal));
    }

    [Fact]
    public void AppMesh_TheIngressRoutesEveryLocalSingleportService_EvenOnesNotExported()
    {
        var mesh = Load(", migration: { from: appmesh, latticeWeight: 10 }", Canary);

        var rendering = AppMeshSide.Render(mesh, mesh.FindSite("aws")!);

        var route = rendering.Resources.Single(r => r.Kind == AppMeshResourceKind.GatewayRoute);
        Assert.Equal(DataPath.AppMeshIngressGateway, route.RouterName);
        Assert.Equal("orders.default.svc.cluster.local", ((GatewayRouteSpec)route.Spec).HttpRoute!.Match.Hostname.Exact);
        var listener = ((VirtualGatewaySpec)rendering.Resources.Single(r => r.Kind == AppMeshResourceKind.VirtualGateway).Spec).Listeners.Single();
        Assert.Equal("http", listener.PortMapping.Protocol);
        Assert.All(rendering.Resources, r => Assert.Contains(new KeyValuePair<string, string>("meshfed.dev/site", "aws"), r.Tags));
    }

    [Fact]
    public void AppMesh_Finishing_DeletesOnlyOwned_AndKeepsAMeshOthersStillUse()
    {
        var mesh = Load("", Canary);
        var site = mesh.FindSite("aws")!;
        IReadOnlyList<ActualResource> actual =
        [
            Actual(AppMeshResourceKind.Mesh, "t", Owned("aws")),
            Actual(AppMeshResourceKind.VirtualNode, "orders-default-v1", Owned("aws")),
            Actual(AppMeshResourceKind.VirtualNode, "billing", new Dictionary<string, string>()),
            Actual(AppMeshResourceKind.VirtualNode, "orders-default-v9", Owned("other-site")),
        ];

        var plan = AppMeshSide.Plan(mesh, site, actual, finish: true);

        Assert.Equal([(PlanActionKind.Delete, "orders-default-v1")], plan.Steps.Select(s => (s.Action, s.Name)));
        Assert.Contains("mesh 't' is kept: it holds 2 resource(s)", plan.Note);
        Assert.Empty(plan.Upserts);
    }

    [Fact]
    public void AppMesh_Finishing_DeletesTheMeshLast_WhenNothingElseIsInIt()
    {
        var mesh = Load("", Canary);
        IReadOnlyList<ActualResource> actual =
            [Actual(AppMeshResourceKind.Mesh, "t", Owned("aws")), Actual(AppMeshResourceKind.VirtualNode, "orders-default-v1", Owned("aws"))];

        var plan = AppMeshSide.Plan(mesh, mesh.FindSite("aws")!, actual, finish: true);

        Assert.Equal([AppMeshResourceKind.VirtualNode, AppMeshResourceKind.Mesh], plan.Deletes.Select(s => s.Kind));
    }

    private static Dictionary<string, string> Owned(string site) =>
        new() { ["meshfed.dev/managed-by"] = "meshfed", ["meshfed.dev/mesh"] = "t", ["meshfed.dev/site"] = site };

    private static ActualResource Actual(AppMeshResourceKind kind, string name, IReadOnlyDictionary<string, string> tags) =>
        new() { Kind = kind, Name = name, Spec = new JsonObject(), Tags = tags };

    private static string Json(LatticeRendering rendering) =>
        JsonSerializer.Serialize(rendering.Resources.Select(r => r.ToJson()).ToList());
}
