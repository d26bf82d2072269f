using System.Text.Json;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>The model → Lattice mapping: rules, target groups, auth policies, what is refused and the limits.</summary>
public class LatticeTranslatorTests
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

    private static (LatticeRendering Rendering, ManifestLoadResult Loaded) Render(string services)
    {
        var loaded = ManifestLoader.LoadText(Sites + services, "mesh.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return (LatticeTranslator.Translate(loaded.Mesh!, "aws", new LatticeRenderOptions { Sources = loaded.Sources }), loaded);
    }

    private static T Input<T>(LatticeRendering rendering, Func<T, bool>? where = null) where T : LatticeInput =>
        rendering.Resources.Select(r => r.Input).OfType<T>().Single(i => where?.Invoke(i) ?? true);

    private static JsonElement Policy(LatticeRendering rendering, string service) =>
        JsonDocument.Parse(Input<PutAuthPolicyInput>(rendering, p => p.ResourceIdentifier.Contains($"service:{service}-", StringComparison.Ordinal)).Policy).RootElement;

    [Fact]
    public void AuthPolicy_RuleNamingLocalCallersAndMethods_RequiresBoth()
    {
        // Attack: a rule that admits `web` for GET must not admit any other signed caller for GET. Both conditions
        // use the StringEquals operator; if one replaced the other, any principal in the account would get in.
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  security:
                    allow:
                      - { from: [web], methods: [GET] }
                - name: web
                  ports: [{ port: 80 }]
                  deployments: [{ site: aws, version: v1 }]
            """);

        var allow = Policy(rendering, "orders").GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == "Allow0");
        var equals = allow.GetProperty("Condition").GetProperty("StringEquals");

        Assert.Equal("default/web", equals.GetProperty($"aws:PrincipalTag/{LatticeAddressing.ServicePrincipalTagKey}")[0].GetString());
        Assert.Equal("GET", equals.GetProperty("vpc-lattice-svcs:RequestMethod")[0].GetString());
    }

    [Fact]
    public void AuthPolicy_CallerWithADeclaredRole_AdmittedByItsRoleArnOnly_AndStillByMethod()
    {
        // web declares its role on this site: the role is its identity here, so the policy names the role's ARN
        // (aws:PrincipalArn is the role's ARN, path included, for a session of it). Not the principal tag as well:
        // whoever may tag roles would otherwise still be able to make any role web.
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  security:
                    allow:
                      - { from: [web], methods: [GET] }
                - name: web
                  ports: [{ port: 80 }]
                  deployments: [{ site: aws, version: v1, aws: { role: "arn:aws:iam::123456789012:role/shop/web-task" } }]
            """);

        var statements = Policy(rendering, "orders").GetProperty("Statement").EnumerateArray().ToList();
        var statement = Assert.Single(statements, s => s.GetProperty("Sid").GetString()!.StartsWith("Allow0", StringComparison.Ordinal));
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");

        Assert.Equal("Allow0Roles", statement.GetProperty("Sid").GetString());
        Assert.Equal(["arn:aws:iam::123456789012:role/shop/web-task"], equals.GetProperty("aws:PrincipalArn").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("GET", equals.GetProperty("vpc-lattice-svcs:RequestMethod")[0].GetString());
        Assert.False(equals.TryGetProperty($"aws:PrincipalTag/{LatticeAddressing.ServicePrincipalTagKey}", out _));
    }

    [Fact]
    public void AuthPolicy_CallerWithAVersionWithoutARole_KeepsThePrincipalTagForIt()
    {
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  security:
                    allow:
                      - { from: [web] }
                - name: web
                  ports: [{ port: 80 }]
                  deployments:
                    - { site: aws, version: v1, aws: { role: "arn:aws:iam::123456789012:role/web-task" } }
                    - { site: aws, version: v2 }
                  traffic: { routes: [{ to: [{ version: v1, weight: 50 }, { version: v2, weight: 50 }] }] }
            """);

        var statements = Policy(rendering, "orders").GetProperty("Statement").EnumerateArray()
            .ToDictionary(s => s.GetProperty("Sid").GetString()!, s => s.GetProperty("Condition").GetProperty("StringEquals"));

        Assert.Equal("default/web", statements["Allow0"].GetProperty($"aws:PrincipalTag/{LatticeAddressing.ServicePrincipalTagKey}")[0].GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/web-task", statements["Allow0Roles"].GetProperty("aws:PrincipalArn")[0].GetString());
    }

    [Fact]
    public void AuthPolicy_CallersOnOtherSites_AdmittedAsTheGatewayOnly()
    {
        var (rendering, loaded) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  security:
                    allow:
                      - { from: [web], paths: [/api/*] }
                - name: web
                  ports: [{ port: 80 }]
                  deployments: [{ site: gke, version: v1 }]
            """);

        var statements = Policy(rendering, "orders").GetProperty("Statement").EnumerateArray().ToList();

        // web runs on gke: its calls arrive through this site's gateway, which has checked the SPIFFE rule.
        var gateway = Assert.Single(statements);
        Assert.Equal("MeshfedGateway", gateway.GetProperty("Sid").GetString());
        Assert.Equal(LatticeAddressing.GatewayPrincipalTagValue(loaded.Mesh!, loaded.Mesh!.FindSite("aws")!),
            gateway.GetProperty("Condition").GetProperty("StringEquals").GetProperty($"aws:PrincipalTag/{LatticeAddressing.GatewayPrincipalTagKey}")[0].GetString());
    }

    [Fact]
    public void AuthPolicy_NoAllowRules_AnyAuthenticatedCallerButNotAnonymous()
    {
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
            """);

        var statement = Assert.Single(Policy(rendering, "orders").GetProperty("Statement").EnumerateArray().ToList());

        Assert.Equal("anonymous", statement.GetProperty("Condition").GetProperty("StringNotEqualsIgnoreCase").GetProperty("aws:PrincipalType")[0].GetString());
        Assert.Equal(AuthType.AwsIam, Input<CreateServiceInput>(rendering).AuthType);
    }

    [Fact]
    public void AuthPolicy_PathsBecomeRequestPathsUnderOneServiceIdSegment()
    {
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  security:
                    allow:
                      - { paths: [/admin] }
            """);

        var resource = Policy(rendering, "orders").GetProperty("Statement")[0].GetProperty("Resource")[0].GetString()!;

        // '?' x 17 matches the service id only: a '*' there would let /x/admin match the rule for /admin.
        Assert.Equal("arn:*:vpc-lattice:*:*:service/svc-?????????????????/admin", resource);
    }

    [Fact]
    public void Rules_PinnedVersionsFirst_ThenRoutes_LastCatchAllIsTheDefaultAction()
    {
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }, { site: aws, version: v2 }, { site: gke, version: v3 }]
                  traffic:
                    routes:
                      - { name: beta, match: { headers: { x-beta: { exact: "1" } } }, to: [{ version: v2 }] }
                      - { name: rest, to: [{ version: v1, weight: 50 }, { version: v2, weight: 30 }, { version: v3, weight: 20 }] }
            """);

        var rules = rendering.Resources.Select(r => r.Input).OfType<CreateRuleInput>().ToList();
        var listener = Input<CreateListenerInput>(rendering);

        Assert.Equal(["meshfed-pinned-v1", "meshfed-pinned-v2", "beta"], rules.Select(r => r.Name));
        Assert.Equal([1, 2, 3], rules.Select(r => r.Priority));
        Assert.Equal(DataPath.VersionHeader, rules[0].Match.HttpMatch.HeaderMatches![0].Name);
        // v3 runs on gke: its share goes to the gateway's target group.
        Assert.Equal([50, 30, 20], listener.DefaultAction.Forward!.TargetGroups.Select(t => t.Weight));
        Assert.Contains("meshfed-gateway-http1", listener.DefaultAction.Forward.TargetGroups[2].TargetGroupIdentifier, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_NoCatchAll_DefaultActionIs404()
    {
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  exportTo: [aws]
                  traffic:
                    routes:
                      - { name: api, match: { pathPrefix: /api }, to: [{ version: v1 }] }
            """);

        Assert.Equal(404, Input<CreateListenerInput>(rendering).DefaultAction.FixedResponse!.StatusCode);
    }

    [Theory]
    [InlineData("{ pathRegex: \"/a/[0-9]+\" }", "not by regex")]
    [InlineData("{ queryParams: { q: { exact: x } } }", "cannot match query parameters")]
    [InlineData("{ headers: { a: { suffix: x } } }", "not by suffix")]
    [InlineData("{ headers: { a: { regex: x } } }", "not by regex")]
    [InlineData("{ headers: { a: { exact: \"1\" }, b: { exact: \"1\" }, c: { exact: \"1\" }, d: { exact: \"1\" }, e: { exact: \"1\" }, f: { exact: \"1\" } } }", "6 headers")]
    public void Rules_WhatLatticeCannotMatch_IsNotRenderedAndSaysWhatHappens(string match, string reason)
    {
        var (rendering, _) = Render($$"""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }, { site: aws, version: v2 }]
                  traffic:
                    routes:
                      - { name: odd, match: {{match}}, to: [{ version: v2 }] }
                      - { name: rest, to: [{ version: v1 }] }
            """);

        Assert.DoesNotContain(rendering.Resources.Select(r => r.Input).OfType<CreateRuleInput>(), r => r.Name == "odd");
        var diagnostic = Assert.Single(rendering.Diagnostics, d => d.Concept == "traffic.routes[odd]");
        Assert.Contains(reason, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("lost for them", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("from other sites", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listeners_GrpcAndHttp2OnHttps_WithTheCertificateInput_TcpSaid()
    {
        var (rendering, _) = Render("""
                - name: ledger
                  ports: [{ port: 9090, protocol: grpc }, { port: 9091, protocol: http2 }, { port: 5432, protocol: tcp }]
                  deployments: [{ site: aws, version: v1 }]
                  exportTo: [aws]
            """);

        var listeners = rendering.Resources.Select(r => r.Input).OfType<CreateListenerInput>().ToList();
        var groups = rendering.Resources.Select(r => r.Input).OfType<CreateTargetGroupInput>().ToList();

        Assert.Equal([ListenerProtocol.Https, ListenerProtocol.Https], listeners.Select(l => l.Protocol));
        Assert.Equal(LatticeRefs.CertificateArn, Input<CreateServiceInput>(rendering).CertificateArn);
        Assert.Equal([TargetGroupProtocolVersion.Grpc, TargetGroupProtocolVersion.Http2], groups.Select(g => g.Config.ProtocolVersion));
        Assert.Contains(rendering.Diagnostics, d => d.Concept == "ports[5432]");
    }

    [Fact]
    public void TargetGroups_StaticIps_Registered_Hostnames_Said()
    {
        var (rendering, _) = Render("""
                - name: vm
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1, discovery: { static: ["10.0.0.7", "10.0.0.8:9000", "vm3.example"] } }]
                  exportTo: [aws]
            """);

        var targets = Input<RegisterTargetsInput>(rendering).Targets;

        Assert.Equal([new Target("10.0.0.7", null), new Target("10.0.0.8", 9000)], targets);
        Assert.Contains(rendering.Diagnostics, d => d.Message.Contains("'vm3.example' is not an IP address", StringComparison.Ordinal));
    }

    [Fact]
    public void Inexpressible_RetriesTimeoutsOutlierJwt_EachSaidWithWhoEnforces()
    {
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  traffic:
                    timeout: 2s
                    retries: { attempts: 2 }
                    circuitBreaker: { consecutive5xx: 3 }
                  security:
                    jwt: { issuer: https://i.example, jwksUri: https://i.example/jwks }
            """);

        foreach (var concept in new[] { "traffic.retries", "traffic.timeout", "traffic.circuitBreaker", "security.jwt" })
        {
            var diagnostic = Assert.Single(rendering.Diagnostics, d => d.Service == "orders" && d.Concept == concept);
            Assert.Contains("meshfed gateway", diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Limits_ThreeRequestPorts_PositionedErrorAtPorts()
    {
        var (rendering, _) = Render("""
                - name: orders
                  ports: [{ port: 8080 }, { port: 8081 }, { port: 8082 }]
                  deployments: [{ site: aws, version: v1 }]
            """);

        var error = Assert.Single(rendering.Errors);
        Assert.Equal(DiagnosticCodes.LatticeLimit, error.Code);
        Assert.Equal("spec.services[0].ports", error.Path);
        Assert.Equal(new SourceLocation("mesh.yaml", 11, 14), error.Location);
        Assert.Contains("'Listeners per service' is 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_ElevenRules_PositionedErrorAtRoutes()
    {
        var routes = string.Join("\n", Enumerable.Range(0, 11).Select(i => $"              - {{ name: r{i}, match: {{ path: /p{i} }}, to: [{{ version: v1 }}] }}"));
        var (rendering, _) = Render($$"""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  exportTo: [aws]
                  traffic:
                    routes:
            {{routes}}
            """);

        var error = Assert.Single(rendering.Errors);
        Assert.Equal("spec.services[0].traffic.routes", error.Path);
        Assert.NotNull(error.Location);
        Assert.Contains("needs 11 rules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_ElevenLocalVersionsInOneSplit_ErrorsAtTheRouteAndTheTargetGroupQuota()
    {
        var versions = Enumerable.Range(1, 11).Select(i => $"v{i}").ToList();
        var deployments = string.Join(", ", versions.Select(v => $"{{ site: aws, version: {v} }}"));
        var split = string.Join(", ", versions.Select((v, i) => $"{{ version: {v}, weight: {(i < 1 ? 10 : 9)} }}"));
        var (rendering, _) = Render($$"""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{{deployments}}]
                  exportTo: [aws]
                  traffic:
                    routes:
                      - { name: all, to: [{{split}}] }
            """);

        Assert.Contains(rendering.Errors, e => e.Path == "spec.services[0].traffic.routes[0].to" && e.Message.Contains("11 Lattice target groups", StringComparison.Ordinal));
        Assert.Contains(rendering.Errors, e => e.Path == "spec.services[0].deployments" && e.Message.Contains("'Target groups per service' is 10", StringComparison.Ordinal));
    }

    [Fact]
    public void Limits_AuthPolicyOver10KB_PositionedErrorAtAllow()
    {
        var paths = string.Join(", ", Enumerable.Range(0, 150).Select(i => $"/a-rather-long-path-segment-number-{i}/*"));
        var (rendering, _) = Render($$"""
                - name: orders
                  ports: [{ port: 8080 }]
                  deployments: [{ site: aws, version: v1 }]
                  security:
                    allow:
                      - { paths: [{{paths}}] }
            """);

        var error = Assert.Single(rendering.Errors);
        Assert.Equal("spec.services[0].security.allow", error.Path);
        Assert.Contains("'Auth policy size'", error.Message, StringComparison.Ordinal);
    }
}
