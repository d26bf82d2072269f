using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice.Client;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// A stateful VPC Lattice control plane behind the loopback endpoint, for plan/apply tests: creates (with
/// idempotency tokens, unique names, referenced ids that must exist), gets, lists in pages of 3 (so pagination
/// is exercised), updates, deletes (refused while something depends on the resource, as Lattice does), tags,
/// auth policies and targets, answering errors with the API's codes. The request shapes it accepts are the ones
/// LatticeClientTests proves equal to the official SDK's. Writes can be made to fail (5xx, throttling).
/// </summary>
public sealed class InMemoryLattice : IDisposable
{
    private const int PageSize = 3;
    private static readonly string[] s_collections =
        ["servicenetworks", "servicenetworkvpcassociations", "servicenetworkserviceassociations", "services", "targetgroups", "listeners", "rules"];

    private readonly Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _byToken = new(StringComparer.Ordinal);
    private int _next;
    private int _failWritesAfter = int.MaxValue;
    private int _failures;
    private (int Status, string Code) _failure;

    public InMemoryLattice() => Server = new LoopbackAppMesh(Handle);

    public LoopbackAppMesh Server { get; }

    /// <summary>Write calls that reached the server (ListTargets is a POST but reads).</summary>
    public int Writes => Server.Requests.Count(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE" && !r.Path.EndsWith("/listtargets", StringComparison.Ordinal));

    /// <summary>After <paramref name="successfulWrites"/> more writes, answer the next <paramref name="failures"/> writes with <paramref name="status"/> and <paramref name="code"/>.</summary>
    public void FailWrites(int successfulWrites, int failures, int status = 500, string code = "InternalServerException")
    {
        lock (_items)
        {
            _failWritesAfter = successfulWrites;
            _failures = failures;
            _failure = (status, code);
        }
    }

    /// <summary>Adds a resource meshfed did not create (no ownership tags) to a collection, e.g. <c>/services</c>.</summary>
    public string AddForeign(string collection, JsonObject members, IReadOnlyDictionary<string, string>? tags = null)
    {
        lock (_items)
        {
            var resource = New(collection, members);
            _tags[(string)resource["arn"]!] = new(tags ?? new Dictionary<string, string>());
            return (string)resource["id"]!;
        }
    }

    /// <summary>Changes an existing resource behind meshfed's back (drift), e.g. another tool editing a rule.</summary>
    public void Edit(Func<JsonObject, bool> which, Action<JsonObject> edit)
    {
        lock (_items)
            edit(_items.Values.Single(which));
    }

    /// <summary>Every resource held, by path.</summary>
    public IReadOnlyDictionary<string, JsonObject> Items { get { lock (_items) return new Dictionary<string, JsonObject>(_items); } }

    public void Dispose() => Server.Dispose();

    /// <summary>A client of this endpoint with fast retries.</summary>
    public LatticeClient Client(int maxAttempts = 3) => new(new HttpClient(), () => new AwsCredentials("AKIDEXAMPLE", "secret"),
        new LatticeClientOptions { Region = "us-east-1", EndpointUrl = Server.Endpoint, BaseDelay = TimeSpan.FromMilliseconds(1), MaxAttempts = maxAttempts });

    private (int, string?, string) Handle(RecordedRequest request)
    {
        lock (_items)
        {
            var isWrite = request.Method is "POST" or "PUT" or "PATCH" or "DELETE" && !request.Path.EndsWith("/listtargets", StringComparison.Ordinal);
            if (isWrite)
            {
                if (_failWritesAfter == 0 && _failures > 0)
                {
                    _failures--;
                    return Error(_failure.Status, _failure.Code, "injected");
                }
                _failWritesAfter = Math.Max(0, _failWritesAfter - 1);
            }
            if (request.Path.StartsWith("/tags/", StringComparison.Ordinal))
                return Tags(request);
            if (request.Path.StartsWith("/authpolicy/", StringComparison.Ordinal))
                return AuthPolicy(request);
            var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments[^1] is "registertargets" or "listtargets")
                return Targets(request, segments[^2], segments[^1]);
            var isCollection = s_collections.Contains(segments[^1]);
            return (request.Method, isCollection) switch
            {
                ("POST", true) => Create(request),
                ("GET", true) => List(request),
                ("GET", false) => _items.TryGetValue(request.Path, out var found) ? Ok(found) : NotFound(request.Path),
                ("PATCH", false) => Update(request),
                ("DELETE", false) => Delete(request.Path),
                _ => Error(400, "ValidationException", $"unexpected {request.Method} {request.Path}"),
            };
        }
    }

    private (int, string?, string) Create(RecordedRequest request)
    {
        var body = request.Body ?? [];
        if ((string?)body["clientToken"] is { } token && _byToken.TryGetValue(token, out var same))
            return Ok(same, 201); // the same logical request, retried
        var collection = request.Path;
        var segments = collection.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var members = body.DeepClone().AsObject();
        members.Remove("clientToken");
        members.Remove("tags");
        if (segments.Length > 1 && !_items.ContainsKey("/" + string.Join('/', segments[..^1])))
            return NotFound(collection);
        if ((string?)members["name"] is { } name && Siblings(collection).Any(s => (string?)s["name"] == name))
            return Error(409, "ConflictException", $"a resource named {name} exists");
        switch (segments[^1])
        {
            case "servicenetworkvpcassociations":
                if (Find("servicenetworks", (string)members["serviceNetworkIdentifier"]!) is not { } network)
                    return NotFound((string)members["serviceNetworkIdentifier"]!);
                if (Siblings(collection).Any(a => (string?)a["vpcId"] == (string?)members["vpcIdentifier"]))
                    return Error(409, "ConflictException", "the VPC is associated with a service network already"); // one per VPC (service-networks.html)
                members = new JsonObject { ["vpcId"] = (string)members["vpcIdentifier"]!, ["serviceNetworkId"] = (string)network["id"]!, ["serviceNetworkName"] = (string)network["name"]!, ["status"] = "ACTIVE" };
                break;
            case "servicenetworkserviceassociations":
                if (Find("servicenetworks", (string)members["serviceNetworkIdentifier"]!) is not { } net || Find("services", (string)members["serviceIdentifier"]!) is not { } service)
                    return NotFound("service network or service");
                if (Siblings(collection).Any(a => (string?)a["serviceNetworkId"] == (string)net["id"]! && (string?)a["serviceId"] == (string)service["id"]!))
                    return Error(409, "ConflictException", "already associated");
                members = new JsonObject { ["serviceId"] = (string)service["id"]!, ["serviceName"] = (string)service["name"]!, ["serviceNetworkId"] = (string)net["id"]!, ["status"] = "ACTIVE" };
                break;
            case "targetgroups":
                // Lattice describes every health-check member, filling in its defaults.
                var health = new JsonObject { ["enabled"] = true, ["protocol"] = "HTTP", ["protocolVersion"] = "HTTP1", ["path"] = "/", ["healthCheckIntervalSeconds"] = 30, ["healthyThresholdCount"] = 5 };
                foreach (var (key, value) in members["config"]?["healthCheck"]?.AsObject() ?? [])
                    health[key] = value?.DeepClone();
                members["config"]!["healthCheck"] = health;
                members["status"] = "ACTIVE";
                break;
            case "listeners" or "rules":
                foreach (var target in (members["defaultAction"] ?? members["action"])?["forward"]?["targetGroups"]?.AsArray() ?? [])
                {
                    if (Find("targetgroups", (string)target!["targetGroupIdentifier"]!) is null)
                        return NotFound((string)target["targetGroupIdentifier"]!);
                }
                members.Remove("serviceIdentifier");
                members.Remove("listenerIdentifier");
                if (segments[^1] == "rules")
                    members["isDefault"] = false;
                break;
        }
        var resource = New(collection, members);
        _tags[(string)resource["arn"]!] = body["tags"]?.AsObject().ToDictionary(t => t.Key, t => (string)t.Value!) ?? [];
        if ((string?)body["clientToken"] is { } newToken)
            _byToken[newToken] = resource;
        return Ok(resource, 201);
    }

    private JsonObject New(string collection, JsonObject members)
    {
        var prefix = collection.Split('/')[^1] switch
        {
            "servicenetworks" => "sn",
            "servicenetworkvpcassociations" => "snva",
            "servicenetworkserviceassociations" => "snsa",
            "services" => "svc",
            "targetgroups" => "tg",
            "listeners" => "listener",
            _ => "rule",
        };
        var id = $"{prefix}-{++_next:D17}";
        var resource = members.DeepClone().AsObject();
        resource["id"] = id;
        resource["arn"] = $"arn:aws:vpc-lattice:us-east-1:123456789012:{collection.TrimStart('/')}/{id}";
        _items[$"{collection}/{id}"] = resource;
        return resource;
    }

    private (int, string?, string) List(RecordedRequest request)
    {
        var all = Siblings(request.Path)
            .Where(i => !request.Query.TryGetValue("serviceNetworkIdentifier", out var network) || (string?)i["serviceNetworkId"] == network)
            .Where(i => !request.Query.TryGetValue("vpcIdentifier", out var vpc) || (string?)i["vpcId"] == vpc)
            .ToList();
        var start = request.Query.TryGetValue("nextToken", out var token) ? int.Parse(token) : 0;
        var size = Math.Min(PageSize, request.Query.TryGetValue("maxResults", out var max) ? int.Parse(max) : PageSize);
        var page = new JsonObject { ["items"] = new JsonArray([.. all.Skip(start).Take(size).Select(i => (JsonNode)i.DeepClone())]) };
        if (start + size < all.Count)
            page["nextToken"] = (start + size).ToString();
        return Ok(page);
    }

    private (int, string?, string) Update(RecordedRequest request)
    {
        if (!_items.TryGetValue(request.Path, out var resource))
            return NotFound(request.Path);
        foreach (var (key, value) in request.Body ?? [])
        {
            if (key == "healthCheck")
            {
                foreach (var (member, setting) in value!.AsObject())
                    resource["config"]!["healthCheck"]![member] = setting?.DeepClone();
            }
            else
                resource[key] = value?.DeepClone();
        }
        return Ok(resource);
    }

    private (int, string?, string) Delete(string path)
    {
        if (!_items.TryGetValue(path, out var resource))
            return NotFound(path);
        var id = (string)resource["id"]!;
        var kind = path.Split('/')[^2];
        // Lattice refuses to delete what others still refer to (delete-service-network.html, delete-service.html, delete-target-group.html of the user guide).
        var inUse = kind switch
        {
            "servicenetworks" => _items.Values.Any(i => (string?)i["serviceNetworkId"] == id),
            "services" => _items.Values.Any(i => (string?)i["serviceId"] == id && i.ContainsKey("serviceNetworkId")),
            "targetgroups" => _items.Values.Any(i => (i["defaultAction"] ?? i["action"])?.ToJsonString().Contains($"\"{id}\"") == true),
            _ => false,
        };
        if (inUse)
            return Error(409, "ConflictException", $"{id} is in use");
        foreach (var child in _items.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
            _items.Remove(child); // a service's listeners and rules go with it
        _items.Remove(path);
        _policies.Remove(id);
        return Ok(new JsonObject());
    }

    private (int, string?, string) Tags(RecordedRequest request)
    {
        var arn = request.Path["/tags/".Length..];
        if (!_tags.TryGetValue(arn, out var tags))
            return NotFound(arn);
        if (request.Method == "POST")
        {
            foreach (var (key, value) in request.Body!["tags"]!.AsObject())
                tags[key] = (string)value!;
            return Ok(new JsonObject());
        }
        return Ok(new JsonObject { ["tags"] = new JsonObject([.. tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]) });
    }

    private (int, string?, string) AuthPolicy(RecordedRequest request)
    {
        var id = request.Path["/authpolicy/".Length..];
        if (Find("services", id) is null)
            return NotFound(id);
        switch (request.Method)
        {
            case "PUT":
                _policies[id] = (string)request.Body!["policy"]!;
                return Ok(new JsonObject { ["policy"] = _policies[id], ["state"] = "Active" });
            case "DELETE":
                _policies.Remove(id);
                return Ok(new JsonObject());
            default:
                return _policies.TryGetValue(id, out var policy) ? Ok(new JsonObject { ["policy"] = policy, ["state"] = "Active" }) : NotFound(id);
        }
    }

    private (int, string?, string) Targets(RecordedRequest request, string targetGroup, string operation)
    {
        if (Find("targetgroups", targetGroup) is null)
            return NotFound(targetGroup);
        var targets = _targets.TryGetValue(targetGroup, out var list) ? list : _targets[targetGroup] = [];
        if (operation == "registertargets")
        {
            foreach (var target in request.Body!["targets"]!.AsArray())
            {
                if (!targets.Any(t => (string?)t["id"] == (string?)target!["id"]))
                    targets.Add(target!.DeepClone().AsObject());
            }
            return Ok(new JsonObject { ["successful"] = new JsonArray(), ["unsuccessful"] = new JsonArray() });
        }
        return Ok(new JsonObject { ["items"] = new JsonArray([.. targets.Select(t => (JsonNode)new JsonObject { ["id"] = t["id"]!.DeepClone(), ["port"] = t["port"]?.DeepClone() ?? 8080, ["status"] = "HEALTHY" })]) });
    }

    private IEnumerable<JsonObject> Siblings(string collection) =>
        _items.Where(p => p.Key.StartsWith(collection + "/", StringComparison.Ordinal) && !p.Key[(collection.Length + 1)..].Contains('/'))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value);

    // Identifiers are ids (or ARNs); names are not accepted here, so an unresolved placeholder or a name fails loudly.
    private JsonObject? Find(string collection, string identifier) =>
        _items.Values.FirstOrDefault(i => ((string?)i["id"] == identifier || (string?)i["arn"] == identifier) && ((string)i["arn"]!).Contains($":{collection}/"));

    private static (int, string?, string) Ok(JsonObject body, int status = 200) => (status, null, body.ToJsonString());

    private static (int, string?, string) NotFound(string what) => Error(404, "ResourceNotFoundException", $"{what} not found");

    private static (int, string?, string) Error(int status, string code, string message) =>
        (status, code, new JsonObject { ["message"] = message }.ToJsonString());
}
