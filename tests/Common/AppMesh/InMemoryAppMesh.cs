using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>
/// A stateful App Mesh behind the loopback endpoint, for apply tests: create, describe, update, delete, list
/// (in pages of 3, so pagination is exercised) and tags, with the API's error types. The request shapes it
/// accepts are the ones AppMeshClientTests proves equal to the official SDK's. Writes can be made to fail
/// with 500s to test recovery.
/// </summary>
public sealed class InMemoryAppMesh : IDisposable
{
    private const int PageSize = 3;
    private readonly Dictionary<string, JsonObject> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _tags = new(StringComparer.Ordinal);
    private int _failWritesAfter = int.MaxValue;
    private int _failures;

    public InMemoryAppMesh() => Server = new LoopbackAppMesh(Handle);

    public LoopbackAppMesh Server { get; }

    /// <summary>Write calls (PUT, DELETE) that reached the server.</summary>
    public int Writes => Server.Requests.Count(r => r.Method is "PUT" or "DELETE");

    /// <summary>After <paramref name="successfulWrites"/> more writes, answer the next <paramref name="failures"/> writes with 500.</summary>
    public void FailWrites(int successfulWrites, int failures)
    {
        _failWritesAfter = successfulWrites;
        _failures = failures;
    }

    /// <summary>Adds a resource that meshfed did not create (no ownership tags).</summary>
    public void AddForeign(string collectionPath, string nameMember, string name, JsonObject spec)
    {
        var key = $"{collectionPath}/{name}";
        _resources[key] = new JsonObject { [nameMember] = name, ["spec"] = spec, ["metadata"] = new JsonObject { ["arn"] = "arn:" + key } };
    }

    public void Dispose() => Server.Dispose();

    private (int, string?, string) Handle(RecordedRequest request)
    {
        lock (_resources)
        {
            if (request.Method is "PUT" or "DELETE")
            {
                if (_failWritesAfter == 0 && _failures > 0)
                {
                    _failures--;
                    return (500, "InternalServerErrorException", """{"message":"injected"}""");
                }
                _failWritesAfter = Math.Max(0, _failWritesAfter - 1);
            }
            if (request.Path == "/v20190125/tags")
                return Ok(new JsonObject { ["tags"] = Tags(request.Query["resourceArn"]) });
            var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            // Collections end in a plural: meshes, virtualNodes, routes, gatewayRoutes...; items follow one.
            var isCollection = segments[^1] is "meshes" or "virtualNodes" or "virtualRouters" or "virtualServices" or "virtualGateways" or "routes" or "gatewayRoutes";
            var collection = isCollection ? request.Path : request.Path[..request.Path.LastIndexOf('/')];
            var kind = isCollection ? segments[^1] : segments[^2];
            var nameMember = kind == "meshes" ? "meshName" : kind[..^1] + "Name";
            if (kind == "meshes" && !isCollection)
                collection = "/v20190125/meshes";
            switch (request.Method, isCollection)
            {
                case ("PUT", true):
                    var name = (string)request.Body![nameMember]!;
                    var key = $"{collection}/{name}";
                    if (_resources.ContainsKey(key))
                        return Error(409, "ConflictException", $"{name} exists");
                    var arn = "arn:" + key;
                    var resource = new JsonObject { [nameMember] = name, ["spec"] = request.Body["spec"]!.DeepClone(), ["metadata"] = new JsonObject { ["arn"] = arn } };
                    _resources[key] = resource;
                    _tags[arn] = (request.Body["tags"]?.AsArray() ?? []).ToDictionary(t => (string)t!["key"]!, t => (string)t!["value"]!);
                    return Ok(resource.DeepClone().AsObject());
                case ("GET", true):
                    var all = _resources.Where(p => p.Key.StartsWith(collection + "/", StringComparison.Ordinal) && !p.Key[(collection.Length + 1)..].Contains('/'))
                        .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
                    var start = request.Query.TryGetValue("nextToken", out var token) ? int.Parse(token) : 0;
                    var page = new JsonObject { [kind] = new JsonArray([.. all.Skip(start).Take(PageSize).Select(r => (JsonNode)new JsonObject { [nameMember] = r[nameMember]!.DeepClone() })]) };
                    if (start + PageSize < all.Count)
                        page["nextToken"] = (start + PageSize).ToString();
                    return Ok(page);
                case ("GET", false):
                    return _resources.TryGetValue(request.Path, out var found) ? Ok(found.DeepClone().AsObject()) : Error(404, "NotFoundException", "not found");
                case ("PUT", false):
                    if (!_resources.TryGetValue(request.Path, out var existing))
                        return Error(404, "NotFoundException", "not found");
                    existing["spec"] = request.Body!["spec"]!.DeepClone();
                    return Ok(existing.DeepClone().AsObject());
                case ("DELETE", false):
                    return _resources.Remove(request.Path) ? Ok(new JsonObject()) : Error(404, "NotFoundException", "not found");
                default:
                    return Error(400, "BadRequestException", $"unexpected {request.Method} {request.Path}");
            }
        }
    }

    private JsonArray Tags(string arn) =>
        new([.. (_tags.GetValueOrDefault(arn) ?? []).Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);

    private static (int, string?, string) Ok(JsonObject body) => (200, null, body.ToJsonString());

    private static (int, string?, string) Error(int status, string type, string message) =>
        (status, type, new JsonObject { ["message"] = message }.ToJsonString());

    /// <summary>A client of this endpoint with fast retries.</summary>
    public AppMeshClient Client() => new(new HttpClient(), () => new AwsCredentials("AKIDEXAMPLE", "secret"),
        new AppMeshClientOptions { Region = "us-east-1", EndpointUrl = Server.Endpoint, BaseDelay = TimeSpan.FromMilliseconds(1) });
}
