using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Client;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// The VPC Lattice client against a loopback endpoint: every request (method, percent-encoded path, query, body,
/// SigV4 scope) equals what the official @aws-sdk/client-vpc-lattice sends for the same operation and input
/// (tests/conformance/lattice/requests.mjs); pages are followed; throttling and 5xx are retried a bounded number
/// of times with the same idempotency token; other errors are final and carry the API's code and message.
/// </summary>
public sealed class LatticeClientTests : IDisposable
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private readonly LoopbackAppMesh _server = new();
    private readonly LatticeClient _client;

    public LatticeClientTests()
    {
        _client = new LatticeClient(new HttpClient(), () => new AwsCredentials("AKIDEXAMPLE", Secret, "session-token"),
            new LatticeClientOptions { Region = "us-east-1", EndpointUrl = _server.Endpoint, BaseDelay = TimeSpan.FromMilliseconds(1) });
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task RenderedCreates_AreWhatTheOfficialSdkSends()
    {
        var calls = new List<(string Command, JsonObject Input)>();
        foreach (var caseName in Directory.GetDirectories(LatticeGolden.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            var mesh = LatticeGolden.Load(caseName!);
            foreach (var site in mesh.Sites.Where(LatticeTranslator.Renders))
            {
                var inputs = new LatticeApplyInputs { VpcId = "vpc-0123456789abcdef0", CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc" };
                foreach (var desired in LatticeDesired.From(LatticeTranslator.Translate(mesh, site.Name), inputs))
                {
                    var input = (JsonObject)LatticePlaceholders.Resolve(desired.Input, FakeId)!;
                    await _client.CreateAsync(desired.Operation, input);
                    calls.Add(($"{desired.Operation}Command", input));
                }
            }
        }
        Assert.Contains(calls, c => c.Command == "CreateRuleCommand");
        Assert.Contains(calls, c => c.Command == "PutAuthPolicyCommand");

        AssertSameAsSdk(calls, withClientToken: true);
    }

    [Fact]
    public async Task ReadsUpdatesDeletesAndTags_AreWhatTheOfficialSdkSends()
    {
        const string arn = "arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-0123456789abcdef0";
        var rule = new JsonObject
        {
            ["match"] = new JsonObject { ["httpMatch"] = new JsonObject { ["method"] = "GET", ["pathMatch"] = new JsonObject { ["match"] = new JsonObject { ["prefix"] = "/api" }, ["caseSensitive"] = true } } },
            ["priority"] = 3,
            ["action"] = new JsonObject { ["fixedResponse"] = new JsonObject { ["statusCode"] = 404 } },
        };
        var health = new JsonObject { ["enabled"] = true, ["path"] = "/healthz", ["port"] = 15190 };
        var requests = new (string Command, JsonObject Input, LatticeRequest Request)[]
        {
            ("GetServiceNetworkCommand", new() { ["serviceNetworkIdentifier"] = "sn-1" }, LatticeRequests.GetServiceNetwork("sn-1")),
            ("GetServiceCommand", new() { ["serviceIdentifier"] = "svc-1" }, LatticeRequests.GetService("svc-1")),
            ("GetListenerCommand", new() { ["serviceIdentifier"] = "svc-1", ["listenerIdentifier"] = "listener-1" }, LatticeRequests.GetListener("svc-1", "listener-1")),
            ("GetRuleCommand", new() { ["serviceIdentifier"] = "svc-1", ["listenerIdentifier"] = "listener-1", ["ruleIdentifier"] = "rule-1" }, LatticeRequests.GetRule("svc-1", "listener-1", "rule-1")),
            ("GetTargetGroupCommand", new() { ["targetGroupIdentifier"] = "tg-1" }, LatticeRequests.GetTargetGroup("tg-1")),
            ("GetAuthPolicyCommand", new() { ["resourceIdentifier"] = "svc-1" }, LatticeRequests.GetAuthPolicy("svc-1")),
            ("ListServiceNetworksCommand", new() { ["maxResults"] = 100, ["nextToken"] = "page/2==" }, LatticeRequests.Page(LatticeRequests.ListServiceNetworks(), 100, "page/2==")),
            ("ListServicesCommand", new() { ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListServices(), 100, null)),
            ("ListTargetGroupsCommand", new() { ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListTargetGroups(), 100, null)),
            ("ListListenersCommand", new() { ["serviceIdentifier"] = "svc-1", ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListListeners("svc-1"), 100, null)),
            ("ListRulesCommand", new() { ["serviceIdentifier"] = "svc-1", ["listenerIdentifier"] = "listener-1", ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListRules("svc-1", "listener-1"), 100, null)),
            ("ListServiceNetworkVpcAssociationsCommand", new() { ["serviceNetworkIdentifier"] = "sn-1", ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListServiceNetworkVpcAssociations("sn-1"), 100, null)),
            ("ListServiceNetworkVpcAssociationsCommand", new() { ["vpcIdentifier"] = "vpc-0123456789abcdef0", ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListVpcAssociationsOfVpc("vpc-0123456789abcdef0"), 100, null)),
            ("ListServiceNetworkServiceAssociationsCommand", new() { ["serviceNetworkIdentifier"] = "sn-1", ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListServiceNetworkServiceAssociations("sn-1"), 100, null)),
            ("ListTargetsCommand", new() { ["targetGroupIdentifier"] = "tg-1", ["maxResults"] = 100 }, LatticeRequests.Page(LatticeRequests.ListTargets("tg-1"), 100, null)),
            ("UpdateServiceNetworkCommand", new() { ["serviceNetworkIdentifier"] = "sn-1", ["authType"] = "NONE" }, LatticeRequests.UpdateServiceNetwork("sn-1", new() { ["authType"] = "NONE" })),
            ("UpdateServiceCommand", new() { ["serviceIdentifier"] = "svc-1", ["authType"] = "AWS_IAM", ["certificateArn"] = "arn:aws:acm:us-east-1:1:certificate/x" },
                LatticeRequests.UpdateService("svc-1", new() { ["authType"] = "AWS_IAM", ["certificateArn"] = "arn:aws:acm:us-east-1:1:certificate/x" })),
            ("UpdateListenerCommand", new() { ["serviceIdentifier"] = "svc-1", ["listenerIdentifier"] = "listener-1", ["defaultAction"] = rule["action"]!.DeepClone() },
                LatticeRequests.UpdateListener("svc-1", "listener-1", new() { ["defaultAction"] = rule["action"]!.DeepClone() })),
            ("UpdateRuleCommand", With(rule, new() { ["serviceIdentifier"] = "svc-1", ["listenerIdentifier"] = "listener-1", ["ruleIdentifier"] = "rule-1" }),
                LatticeRequests.UpdateRule("svc-1", "listener-1", "rule-1", rule.DeepClone().AsObject())),
            ("UpdateTargetGroupCommand", new() { ["targetGroupIdentifier"] = "tg-1", ["healthCheck"] = health.DeepClone() }, LatticeRequests.UpdateTargetGroup("tg-1", new() { ["healthCheck"] = health.DeepClone() })),
            ("DeleteServiceNetworkCommand", new() { ["serviceNetworkIdentifier"] = "sn-1" }, LatticeRequests.DeleteServiceNetwork("sn-1")),
            ("DeleteServiceNetworkVpcAssociationCommand", new() { ["serviceNetworkVpcAssociationIdentifier"] = "snva-1" }, LatticeRequests.DeleteServiceNetworkVpcAssociation("snva-1")),
            ("DeleteServiceNetworkServiceAssociationCommand", new() { ["serviceNetworkServiceAssociationIdentifier"] = "snsa-1" }, LatticeRequests.DeleteServiceNetworkServiceAssociation("snsa-1")),
            ("DeleteServiceCommand", new() { ["serviceIdentifier"] = "svc-1" }, LatticeRequests.DeleteService("svc-1")),
            ("DeleteListenerCommand", new() { ["serviceIdentifier"] = "svc-1", ["listenerIdentifier"] = "listener-1" }, LatticeRequests.DeleteListener("svc-1", "listener-1")),
            ("DeleteRuleCommand", new() { ["serviceIdentifier"] = "svc-1", ["listenerIdentifier"] = "listener-1", ["ruleIdentifier"] = "rule-1" }, LatticeRequests.DeleteRule("svc-1", "listener-1", "rule-1")),
            ("DeleteTargetGroupCommand", new() { ["targetGroupIdentifier"] = "tg-1" }, LatticeRequests.DeleteTargetGroup("tg-1")),
            ("DeleteAuthPolicyCommand", new() { ["resourceIdentifier"] = "svc-1" }, LatticeRequests.DeleteAuthPolicy("svc-1")),
            ("ListTagsForResourceCommand", new() { ["resourceArn"] = arn }, LatticeRequests.ListTagsForResource(arn)),
            ("TagResourceCommand", new() { ["resourceArn"] = arn, ["tags"] = new JsonObject { ["meshfed.dev/mesh"] = "shop" } },
                LatticeRequests.TagResource(arn, new Dictionary<string, string> { ["meshfed.dev/mesh"] = "shop" })),
        };
        foreach (var (_, _, request) in requests)
            await _client.SendAsync(request);

        AssertSameAsSdk([.. requests.Select(r => (r.Command, r.Input))], withClientToken: false);
    }

    [Fact]
    public async Task List_FollowsNextTokenAcrossPages()
    {
        _server.Answer(200, """{"items":[{"name":"a"},{"name":"b"}],"nextToken":"page 2/=="}""");
        _server.Answer(200, """{"items":[{"name":"c"}]}""");

        var items = await _client.ListAsync(LatticeRequests.ListServices());

        Assert.Equal(["a", "b", "c"], items.Select(i => (string)i["name"]!));
        Assert.Equal("page 2/==", _server.Requests[1].Query["nextToken"]);
        Assert.All(_server.Requests, r => Assert.Equal("100", r.Query["maxResults"]));
    }

    [Fact]
    public async Task ThrottlingAnd5xx_AreRetriedWithTheSameClientToken()
    {
        _server.Answer(429, """{"message":"Rate exceeded"}""", "ThrottlingException");
        _server.Answer(503, "<html>503 Service Unavailable</html>");
        _server.Answer(201, """{"id":"svc-1","name":"orders"}""");

        var created = await _client.CreateAsync(LatticeOperation.CreateService, new JsonObject { ["name"] = "orders", ["authType"] = "AWS_IAM" });

        Assert.Equal("svc-1", (string)created["id"]!);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Single(_server.Requests.Select(r => (string)r.Body!["clientToken"]!).Distinct());
        Assert.Equal(2, _client.Retries);
        Assert.All(_server.Requests, r => Assert.Contains("/us-east-1/vpc-lattice/aws4_request", r.Authorization));
    }

    [Fact]
    public async Task ServerErrors_GiveUpAfterThreeAttempts_WithTheApisCode()
    {
        for (var i = 0; i < 5; i++)
            _server.Answer(500, """{"message":"boom"}""", "InternalServerException");

        var error = await Assert.ThrowsAsync<LatticeException>(() => _client.ListAsync(LatticeRequests.ListServiceNetworks()));

        Assert.Equal("InternalServerException", error.Code);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Theory]
    [InlineData(400, "ValidationException")]
    [InlineData(409, "ConflictException")]
    [InlineData(403, "AccessDeniedException")]
    [InlineData(402, "ServiceQuotaExceededException")]
    public async Task ClientErrors_AreFinal_AndSayTheApisCodeAndMessage_NeverTheSecret(int status, string code)
    {
        _server.Answer(status, """{"message":"the name is taken"}""", $"{code}:http://internal.amazon.com/coral/com.amazonaws.vpclattice/");

        var error = await Assert.ThrowsAsync<LatticeException>(() => _client.CreateAsync(LatticeOperation.CreateServiceNetwork, new JsonObject { ["name"] = "shop" }));

        Assert.Equal(code, error.Code);
        Assert.False(error.IsRetryable);
        Assert.Contains("the name is taken", error.Message);
        Assert.Contains(code, error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain("session-token", error.ToString());
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Get_NotFound_IsNull()
    {
        _server.Answer(404, """{"message":"gone"}""", "ResourceNotFoundException");

        Assert.Null(await _client.GetAsync(LatticeRequests.GetService("svc-gone")));
    }

    private void AssertSameAsSdk(IReadOnlyList<(string Command, JsonObject Input)> calls, bool withClientToken)
    {
        var ours = _server.Requests;
        Assert.Equal(calls.Count, ours.Count);
        // The SDK would generate its own idempotency token: it gets ours, so the bodies compare whole.
        var input = new JsonArray([.. calls.Select((c, i) => (JsonNode)new JsonObject
        {
            ["command"] = c.Command,
            ["input"] = withClientToken && ours[i].Body?["clientToken"] is { } token ? With(c.Input, new JsonObject { ["clientToken"] = token.DeepClone() }) : c.Input.DeepClone(),
        })]);
        var (exit, stdout, stderr) = NodeToolServer.Run("lattice", "@aws-sdk/client-vpc-lattice", "requests.mjs", [], input.ToJsonString());
        Assert.True(exit == 0, stderr);
        var official = JsonNode.Parse(stdout)!.AsArray();
        for (var i = 0; i < ours.Count; i++)
        {
            var expected = official[i]!.AsObject();
            var what = $"{calls[i].Command} ({i})";
            Assert.True((string)expected["method"]! == ours[i].Method, $"{what}: method {ours[i].Method}, SDK {expected["method"]}");
            Assert.True((string)expected["path"]! == ours[i].RawPath, $"{what}: path {ours[i].RawPath}, SDK {expected["path"]}");
            Assert.True(Sorted(expected["query"]) == Sorted(JsonSerializer.SerializeToNode(ours[i].Query)), $"{what}: query {Sorted(JsonSerializer.SerializeToNode(ours[i].Query))}, SDK {Sorted(expected["query"])}");
            Assert.True(Sorted(expected["body"]) == Sorted(ours[i].Body), $"{what}: body {Sorted(ours[i].Body)}, SDK {Sorted(expected["body"])}");
            Assert.Contains($"/{(string)expected["scope"]!},", ours[i].Authorization);
        }
    }

    private static string? FakeId(string placeholder) =>
        LatticePlaceholders.NameIn(placeholder, "serviceNetwork") is not null ? "sn-0123456789abcdef0"
        : LatticePlaceholders.NameIn(placeholder, "service") is not null ? "svc-0123456789abcdef0"
        : LatticePlaceholders.NameIn(placeholder, "listener") is not null ? "listener-0123456789abcdef0"
        : LatticePlaceholders.NameIn(placeholder, "targetGroup") is not null ? "tg-0123456789abcdef0"
        : null;

    private static JsonObject With(JsonObject members, JsonObject more)
    {
        var copy = members.DeepClone().AsObject();
        foreach (var (key, value) in more)
            copy[key] = value?.DeepClone();
        return copy;
    }

    private static string Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Sorted(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Sorted)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
