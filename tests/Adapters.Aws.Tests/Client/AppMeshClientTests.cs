using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>
/// The App Mesh client against a loopback endpoint: every request equals what the official AWS SDK sends for
/// the same operation; pages are followed; throttling and 5xx are retried with the same idempotency token,
/// other errors are not retried and keep the API's error type.
/// </summary>
public sealed class AppMeshClientTests : IDisposable
{
    private readonly LoopbackAppMesh _server = new();
    private readonly AppMeshClient _client;

    public AppMeshClientTests()
    {
        _client = new AppMeshClient(new HttpClient(), () => new AwsCredentials("AKIDEXAMPLE", "secret", "token"),
            new AppMeshClientOptions { Region = "us-east-1", EndpointUrl = _server.Endpoint, BaseDelay = TimeSpan.FromMilliseconds(1) });
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Requests_AreWhatTheOfficialSdkSends()
    {
        var mesh = AppMeshGolden.Load(Path.Combine(AppMeshGolden.Root, "mixed-split", "manifest.yaml"));
        var rendering = AppMeshTranslator.Translate(mesh, "aws");
        var node = rendering.Resources.First(r => r.Kind == AppMeshResourceKind.VirtualNode);
        var route = rendering.Resources.First(r => r.Kind == AppMeshResourceKind.Route);
        var meshResource = rendering.Resources.First(r => r.Kind == AppMeshResourceKind.Mesh);
        var router = rendering.Resources.First(r => r.Kind == AppMeshResourceKind.VirtualRouter);
        var gateway = rendering.Resources.First(r => r.Kind == AppMeshResourceKind.VirtualGateway);
        var gatewayRoute = rendering.Resources.First(r => r.Kind == AppMeshResourceKind.GatewayRoute);
        var service = rendering.Resources.First(r => r.Kind == AppMeshResourceKind.VirtualService);

        await _client.CreateAsync("golden", meshResource);
        await _client.CreateAsync("golden", node);
        await _client.CreateAsync("golden", router);
        await _client.CreateAsync("golden", route);
        await _client.CreateAsync("golden", service);
        await _client.CreateAsync("golden", gateway);
        await _client.CreateAsync("golden", gatewayRoute);
        await _client.DescribeAsync(AppMeshResourceKind.Route, "golden", route.Name, route.RouterName);
        await _client.UpdateAsync(AppMeshResourceKind.VirtualNode, "golden", node.Name, node.SpecJson());
        await _client.DeleteAsync(AppMeshResourceKind.VirtualService, "golden", "orders.shop.svc.cluster.local");
        await _client.ListAsync(AppMeshResourceKind.VirtualNode, "golden");
        await _client.ListTagsAsync("arn:aws:appmesh:us-east-1:123456789012:mesh/golden/virtualNode/x");

        var ours = _server.Requests;
        var official = Official(
            ("CreateMeshCommand", meshResource.CreateInput("golden")),
            ("CreateVirtualNodeCommand", node.CreateInput("golden")),
            ("CreateVirtualRouterCommand", router.CreateInput("golden")),
            ("CreateRouteCommand", route.CreateInput("golden")),
            ("CreateVirtualServiceCommand", service.CreateInput("golden")),
            ("CreateVirtualGatewayCommand", gateway.CreateInput("golden")),
            ("CreateGatewayRouteCommand", gatewayRoute.CreateInput("golden")),
            ("DescribeRouteCommand", new JsonObject { ["meshName"] = "golden", ["virtualRouterName"] = route.RouterName, ["routeName"] = route.Name }),
            ("UpdateVirtualNodeCommand", new JsonObject { ["meshName"] = "golden", ["virtualNodeName"] = node.Name, ["spec"] = node.SpecJson() }),
            ("DeleteVirtualServiceCommand", new JsonObject { ["meshName"] = "golden", ["virtualServiceName"] = "orders.shop.svc.cluster.local" }),
            ("ListVirtualNodesCommand", new JsonObject { ["meshName"] = "golden", ["limit"] = 100 }),
            ("ListTagsForResourceCommand", new JsonObject { ["resourceArn"] = "arn:aws:appmesh:us-east-1:123456789012:mesh/golden/virtualNode/x" }));
        Assert.Equal(official.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            var expected = official[i]!.AsObject();
            Assert.Equal((string)expected["method"]!, ours[i].Method);
            Assert.Equal((string)expected["path"]!, ours[i].Path);
            Assert.Equal(Sorted(expected["query"]), Sorted(JsonSerializer.SerializeToNode(ours[i].Query)));
            Assert.Equal(WithoutToken(expected["body"]), WithoutToken(ours[i].Body));
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", ours[i].Authorization);
        }
    }

    [Fact]
    public async Task List_FollowsNextTokenAcrossPages()
    {
        _server.Answer(200, """{"virtualNodes":[{"virtualNodeName":"a"},{"virtualNodeName":"b"}],"nextToken":"page 2/=="}""");
        _server.Answer(200, """{"virtualNodes":[{"virtualNodeName":"c"}]}""");

        var items = await _client.ListAsync(AppMeshResourceKind.VirtualNode, "m");

        Assert.Equal(["a", "b", "c"], items.Select(i => (string)i["virtualNodeName"]!));
        Assert.Equal("page 2/==", _server.Requests[1].Query["nextToken"]);
    }

    [Fact]
    public async Task Throttling_IsRetriedWithTheSameClientToken()
    {
        _server.Answer(429, """{"message":"Rate exceeded"}""", "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.appmesh/");
        _server.Answer(503, """{"message":"try later"}""", "ServiceUnavailableException");
        _server.Answer(200, """{"virtualNodeName":"n"}""");
        var node = new AppMeshResource { Name = "n", Spec = new VirtualNodeSpec([], new ServiceDiscovery(Dns: new DnsServiceDiscovery("n.local"))), Tags = [] };

        var created = await _client.CreateAsync("m", node);

        Assert.Equal("n", (string)created["virtualNodeName"]!);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Single(_server.Requests.Select(r => (string)r.Body!["clientToken"]!).Distinct());
        Assert.Equal(2, _client.Retries);
    }

    [Fact]
    public async Task Timeouts_AreRetried()
    {
        // The first answer comes long after the client's timeout; the retry gets a prompt one. (A loaded machine
        // may time out the retry too: the third attempt still succeeds, so only "at least one retry" is asserted.)
        var client = new AppMeshClient(new HttpClient { Timeout = TimeSpan.FromSeconds(2) }, () => new AwsCredentials("AKIDEXAMPLE", "secret"),
            new AppMeshClientOptions { Region = "us-east-1", EndpointUrl = _server.Endpoint, BaseDelay = TimeSpan.FromMilliseconds(1) });
        _server.Answer(200, "{}", delay: TimeSpan.FromSeconds(8));
        _server.Answer(200, """{"mesh":{"meshName":"m"}}""");

        var described = await client.DescribeAsync(AppMeshResourceKind.Mesh, "m", "m");

        Assert.NotNull(described);
        Assert.InRange(_server.Requests.Count, 2, 3);
        Assert.InRange(client.Retries, 1, 2);
    }

    [Theory]
    [InlineData(400, "BadRequestException", AppMeshErrorType.BadRequest)]
    [InlineData(409, "ConflictException", AppMeshErrorType.Conflict)]
    [InlineData(409, "ResourceInUseException", AppMeshErrorType.ResourceInUse)]
    [InlineData(403, "ForbiddenException", AppMeshErrorType.Forbidden)]
    public async Task ClientErrors_AreNotRetriedAndKeepTheirType(int status, string errorType, AppMeshErrorType expected)
    {
        _server.Answer(status, """{"message":"no"}""", errorType);

        var error = await Assert.ThrowsAsync<AppMeshException>(() => _client.DeleteAsync(AppMeshResourceKind.VirtualRouter, "m", "r"));

        Assert.Equal(expected, error.Type);
        Assert.False(error.IsRetryable);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task NonJsonServerError_IsClassifiedByStatus_AndRetried()
    {
        // E16: a load balancer's HTML 503 page in front of the API.
        const string page = "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>";
        _server.Answer(503, page);
        _server.Answer(502, "Bad Gateway");
        _server.Answer(200, """{"mesh":{"meshName":"m"}}""");

        var described = await _client.DescribeAsync(AppMeshResourceKind.Mesh, "m", "m");

        Assert.NotNull(described);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(2, _client.Retries);
    }

    [Fact]
    public async Task NonJsonClientError_IsAnAppMeshError_NotRetried()
    {
        _server.Answer(403, "<html>Forbidden</html>");

        var error = await Assert.ThrowsAsync<AppMeshException>(() => _client.DescribeAsync(AppMeshResourceKind.Mesh, "m", "m"));

        Assert.False(error.IsRetryable);
        Assert.Contains("403", error.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ServerErrors_GiveUpAfterThreeAttempts()
    {
        for (var i = 0; i < 5; i++)
            _server.Answer(500, """{"message":"boom"}""", "InternalServerErrorException");

        var error = await Assert.ThrowsAsync<AppMeshException>(() => _client.ListAsync(AppMeshResourceKind.Mesh, "m"));

        Assert.Equal(AppMeshErrorType.InternalServerError, error.Type);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Describe_NotFound_IsNull()
    {
        _server.Answer(404, """{"message":"gone"}""", "NotFoundException");

        Assert.Null(await _client.DescribeAsync(AppMeshResourceKind.VirtualNode, "m", "gone"));
    }

    private static JsonArray Official(params (string Command, JsonObject Input)[] calls)
    {
        var input = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject { ["command"] = c.Command, ["input"] = c.Input.DeepClone() })]);
        var (exit, stdout, stderr) = NodeToolServer.Run("aws", "@aws-sdk/client-app-mesh", "appmesh-requests.mjs", [], input.ToJsonString());
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!.AsArray();
    }

    private static string WithoutToken(JsonNode? body)
    {
        if (body is not JsonObject obj)
            return "";
        var copy = obj.DeepClone().AsObject();
        copy.Remove("clientToken");
        return Sorted(copy);
    }

    private static string Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Sorted(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Sorted)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
