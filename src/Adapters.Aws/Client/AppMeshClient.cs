using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;

namespace MeshFed.Adapters.Aws.Client;

/// <summary>
/// The App Mesh REST API (restJson1) over HttpClient, signed with SigV4. Create, Describe, Update, Delete
/// and List for every kind meshfed renders, with pagination and idempotency tokens. Throttling, 5xx and
/// transport failures are retried with jittered exponential backoff (Polly); a retried write reuses its
/// <c>clientToken</c>, so the API sees one logical request. Every other error surfaces as an
/// <see cref="AppMeshException"/> naming the API's error type.
/// </summary>
public sealed class AppMeshClient
{
    private readonly RestJsonTransport _transport;

    /// <summary>Creates a client.</summary>
    public AppMeshClient(HttpClient http, Func<AwsCredentials> credentials, AppMeshClientOptions options, TimeProvider? time = null)
    {
        Options = options;
        _transport = new RestJsonTransport(http, credentials, "appmesh", options.Region, options.Endpoint,
            new RestJsonRetry(options.MaxAttempts, options.BaseDelay, options.MaxDelay), s_errors, time);
    }

    // App Mesh's error types, and messages that name the endpoint when the answer is not App Mesh's.
    private static readonly RestJsonErrors s_errors = new(
        e => e is AppMeshException { IsRetryable: true },
        (method, uri, cause) => new AppMeshException(AppMeshErrorType.Transport, 0, $"{method} {uri.AbsolutePath}: {cause.Message}", cause),
        (method, uri, status, excerpt) => new AppMeshException(AppMeshErrorType.Other, status,
            $"{method} {uri.AbsolutePath}: the answer is not a JSON object ({excerpt}); is --endpoint-url an App Mesh endpoint?"),
        (_, _, status, errorType, type, body, excerpt) => AppMeshException.FromResponse(status, errorType, type,
            body is null ? $"HTTP {status}: {excerpt}" : RestJsonTransport.MessageOf(body)));

    /// <summary>The options.</summary>
    public AppMeshClientOptions Options { get; }

    /// <summary>Attempts retried so far (throttling, 5xx, transport): counted, never silent.</summary>
    public long Retries => _transport.Retries;

    /// <summary>Creates a resource; returns the API's description of it.</summary>
    public Task<JsonObject> CreateAsync(string mesh, AppMeshResource resource, CancellationToken cancellationToken = default)
    {
        var body = resource.CreateInput(mesh);
        // Labels that are part of the URL leave the body: the mesh's name (except for the mesh itself) and the
        // parent of a route or gateway route (a router's or gateway's own name stays).
        if (resource.Kind != AppMeshResourceKind.Mesh)
            body.Remove("meshName");
        if (resource.Kind == AppMeshResourceKind.Route)
            body.Remove("virtualRouterName");
        if (resource.Kind == AppMeshResourceKind.GatewayRoute)
            body.Remove("virtualGatewayName");
        body["clientToken"] = NewToken();
        return SendAsync(HttpMethod.Put, AppMeshPaths.Collection(resource.Kind, mesh, resource.RouterName), null, body, cancellationToken)!;
    }

    /// <summary>Describes a resource, or null when it does not exist.</summary>
    public async Task<JsonObject?> DescribeAsync(AppMeshResourceKind kind, string mesh, string name, string? parent = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, AppMeshPaths.Item(kind, mesh, name, parent), null, null, cancellationToken);
        }
        catch (AppMeshException e) when (e.Type == AppMeshErrorType.NotFound)
        {
            return null;
        }
    }

    /// <summary>Replaces a resource's spec.</summary>
    public Task<JsonObject> UpdateAsync(AppMeshResourceKind kind, string mesh, string name, JsonObject spec, string? parent = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, AppMeshPaths.Item(kind, mesh, name, parent), null,
            new JsonObject { ["spec"] = spec.DeepClone(), ["clientToken"] = NewToken() }, cancellationToken)!;

    /// <summary>Deletes a resource.</summary>
    public Task<JsonObject> DeleteAsync(AppMeshResourceKind kind, string mesh, string name, string? parent = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, AppMeshPaths.Item(kind, mesh, name, parent), null, null, cancellationToken)!;

    /// <summary>Every item of a collection, following <c>nextToken</c> pages of up to 100.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(AppMeshResourceKind kind, string mesh, string? parent = null, CancellationToken cancellationToken = default)
    {
        var items = new List<JsonObject>();
        string? next = null;
        do
        {
            var query = new List<KeyValuePair<string, string>> { new("limit", "100") };
            if (next is not null)
                query.Add(new("nextToken", next));
            var page = await SendAsync(HttpMethod.Get, AppMeshPaths.Collection(kind, mesh, parent), query, null, cancellationToken);
            items.AddRange(page[AppMeshPaths.ListMember(kind)]?.AsArray().OfType<JsonObject>().Select(i => i.DeepClone().AsObject()) ?? []);
            next = (string?)page["nextToken"];
        }
        while (!string.IsNullOrEmpty(next));
        return items;
    }

    /// <summary>The tags of a resource, by ARN.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string arn, CancellationToken cancellationToken = default)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var query = new List<KeyValuePair<string, string>> { new("resourceArn", arn) };
            if (next is not null)
                query.Add(new("nextToken", next));
            var page = await SendAsync(HttpMethod.Get, "/v20190125/tags", query, null, cancellationToken);
            foreach (var tag in page["tags"]?.AsArray().OfType<JsonObject>() ?? [])
                tags[(string)tag["key"]!] = (string)tag["value"]!;
            next = (string?)page["nextToken"];
        }
        while (!string.IsNullOrEmpty(next));
        return tags;
    }

    private static string NewToken() => Guid.NewGuid().ToString();

    private Task<JsonObject> SendAsync(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? query, JsonObject? body, CancellationToken cancellationToken) =>
        _transport.SendAsync(method, path, query, body, cancellationToken);
}
