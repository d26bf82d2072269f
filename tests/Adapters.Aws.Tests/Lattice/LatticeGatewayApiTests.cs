using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>gateway-api/: the api/ rendering projected onto AWS Gateway API Controller objects, and what the controller cannot take.</summary>
public class LatticeGatewayApiTests
{
    private const string Sites = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: aws, provider: aws, region: us-east-1, mesh: vpc-lattice, gateway: { address: gw.aws.example } }
            - { name: gke, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: gw.gke.example } }
          services:

        """;

    private static LatticeRendering Render(string services)
    {
        var loaded = ManifestLoader.LoadText(Sites + services, "mesh.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return LatticeTranslator.Translate(loaded.Mesh!, "aws");
    }

    private static KubernetesObject Object(LatticeRendering rendering, string kind, string name) =>
        rendering.GatewayApi.Single(o => o.Kind == kind && o.Name == name);

    [Fact]
    public void AuthPolicy_IsThePutAuthPolicyDocument_OnTheRoute()
    {
        var rendering = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  security: { allow: [{ from: [web], methods: [GET] }] }
                - name: web
                  ports: [{ port: 80 }]
                  deployments: [{ site: aws, version: v1 }]
            """);

        var policy = Object(rendering, "IAMAuthPolicy", "orders");
        var put = rendering.Resources.Select(r => r.Input).OfType<PutAuthPolicyInput>().Single(p => p.ResourceIdentifier.Contains("service:orders-", StringComparison.Ordinal));

        Assert.Equal(put.Policy, policy.Spec["policy"]!.GetValue<string>());
        Assert.Equal("HTTPRoute", policy.Spec["targetRef"]!["kind"]!.GetValue<string>());
        Assert.Equal("orders", policy.Spec["targetRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Route_SplitAcrossSites_WeighsVersionServicesAndTheGateway_WithApiWeights()
    {
        var rendering = Render("""
                - name: orders
                  namespace: shop
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }, { site: gke, version: v2 }]
                  traffic: { routes: [{ name: split, to: [{ version: v1, weight: 70 }, { version: v2, weight: 30 }] }] }
            """);

        var route = Object(rendering, "HTTPRoute", "orders");
        var backends = route.Spec["rules"]!.AsArray().Last()!["backendRefs"]!.AsArray();

        Assert.Equal("orders.shop.svc.cluster.local", route.Spec["hostnames"]![0]!.GetValue<string>());
        Assert.Collection(backends.Select(b => $"{b!["name"]}:{b["port"]}:{b["weight"]}"),
            b => Assert.Matches("^orders-v1-[0-9a-f]{8}:8080:70$", b),
            b => Assert.Equal("meshfed-gateway-lattice-http1:15180:30", b));
        Assert.Equal("meshfed-system", backends[1]!["namespace"]!.GetValue<string>());
        // The grant into meshfed-system is no wider than what the routes use: one kind, one namespace, one Service
        // (a wildcard grant would let any HTTPRoute in shop send to every Service of meshfed's namespace).
        var grant = rendering.GatewayApi.Single(o => o.Kind == "ReferenceGrant");
        Assert.Equal("""[{"group":"gateway.networking.k8s.io","kind":"HTTPRoute","namespace":"shop"}]""", grant.Spec["from"]!.ToJsonString());
        Assert.Equal("""[{"group":"","kind":"Service","name":"meshfed-gateway-lattice-http1"}]""", grant.Spec["to"]!.ToJsonString());
    }

    [Fact]
    public void PrefixHeaderMatch_ApiRendersIt_GatewayApiSaysItCannot()
    {
        var rendering = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }, { site: aws, version: v2 }]
                  traffic:
                    routes:
                      - { name: gold, match: { headers: { x-tier: { prefix: gold } } }, to: [{ version: v2 }] }
                      - { name: rest, to: [{ version: v1 }] }
            """);

        Assert.Contains(rendering.Resources.Select(r => r.Input).OfType<CreateRuleInput>(), r => r.Name == "gold");
        var rules = Object(rendering, "HTTPRoute", "orders").Spec["rules"]!.AsArray();
        Assert.DoesNotContain(rules, r => r!["name"]?.GetValue<string>() == "gold");
        Assert.Contains(rendering.Diagnostics, d => d.Service == "orders" && d.Concept == "gateway-api.rules[gold]" && d.Message.Contains("not by prefix", StringComparison.Ordinal));
    }

    [Fact]
    public void GrpcPort_GrpcRouteOnTheHttpsListener_PathsAsServiceAndMethod()
    {
        var rendering = Render("""
                - name: ledger
                  ports: [{ port: 9090, protocol: grpc }]
                  deployments: [{ site: aws, version: v1 }, { site: aws, version: v2 }]
                  traffic:
                    routes:
                      - { name: post, match: { path: /ledger.Ledger/Post }, to: [{ version: v2 }] }
                      - { name: svc, match: { pathPrefix: /ledger.Audit/ }, to: [{ version: v2 }] }
                      - { name: odd, match: { pathPrefix: /ledger }, to: [{ version: v2 }] }
                      - { name: rest, to: [{ version: v1 }] }
            """);

        var route = Object(rendering, "GRPCRoute", "ledger");
        var rules = route.Spec["rules"]!.AsArray();

        Assert.Equal("https-9090", route.Spec["parentRefs"]![0]!["sectionName"]!.GetValue<string>());
        JsonNode Method(string rule) => rules.Single(r => r!["name"]?.GetValue<string>() == rule)!["matches"]![0]!["method"]!;
        Assert.Equal("""{"type":"Exact","service":"ledger.Ledger","method":"Post"}""", Method("post").ToJsonString());
        Assert.Equal("""{"type":"Exact","service":"ledger.Audit"}""", Method("svc").ToJsonString());
        Assert.DoesNotContain(rules, r => r!["name"]?.GetValue<string>() == "odd");
        Assert.Null(rules.Last()!["matches"]); // the default forward, last
        Assert.Contains(rendering.Diagnostics, d => d.Concept == "gateway-api.rules[odd]");
        var policy = rendering.GatewayApi.Single(o => o.Kind == "TargetGroupPolicy" && o.Name.StartsWith("ledger-v1-", StringComparison.Ordinal));
        Assert.Equal("GRPC", policy.Spec["protocolVersion"]!.GetValue<string>());
        Assert.False(policy.Spec["healthCheck"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("HTTPS", Object(rendering, "Gateway", rendering.ServiceNetworkName).Spec["listeners"]![0]!["protocol"]!.GetValue<string>());
    }

    [Fact]
    public void SecondPortOfAService_NotInGatewayApi_AndSaysSo()
    {
        var rendering = Render("""
                - name: orders
                  ports: [{ port: 8080 }, { port: 8081 }]
                  deployments: [{ site: aws, version: v1 }]
            """);

        Assert.Equal(2, rendering.Resources.Count(r => r.Input is CreateListenerInput));
        Assert.Equal("http-8080", Object(rendering, "HTTPRoute", "orders").Spec["parentRefs"]![0]!["sectionName"]!.GetValue<string>());
        Assert.Contains(rendering.Diagnostics, d => d.Concept == "gateway-api.ports[8081]");
    }

    [Fact]
    public void NoRenderedService_NoGatewayApiObjects()
    {
        var rendering = Render("""
                - name: db
                  ports: [{ port: 5432, protocol: tcp }]
                  deployments: [{ site: aws, version: v1 }]
            """);

        Assert.Empty(rendering.GatewayApi);
    }
}
