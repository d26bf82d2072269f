using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using Polly;
using Polly.Retry;

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
    private readonly HttpClient _http;
    private readonly SigV4Signer _signer;
    private readonly Func<AwsCredentials> _credentials;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private long _retries;

    /// <summary>Creates a client.</summary>
    public AppMeshClient(HttpClient http, Func<AwsCredentials> credentials, AppMeshClientOptions options, TimeProvider? time = null)
    {
        _http = http;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        Options = options;
        _signer = new SigV4Signer("appmesh", options.Region);
        _retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AppMeshException>(e => e.IsRetryable),
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref _retries);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The options.</summary>
    public AppMeshClientOptions Options { get; }

    /// <summary>Attempts retried so far (throttling, 5xx, transport): counted, never silent.</summary>
    public long Retries => Interlocked.Read(ref _retries);

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

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? query, JsonObject? body, CancellationToken cancellationToken)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString());
        var uri = new UriBuilder(Options.Endpoint)
        {
            Path = path,
            Query = query is null ? "" : string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")),
        }.Uri;
        return await _retry.ExecuteAsync(async token => await SendOnceAsync(method, uri, bytes, body is not null, token), cancellationToken);
    }

    private async Task<JsonObject> SendOnceAsync(HttpMethod method, Uri uri, byte[] body, bool hasBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (hasBody)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        _signer.Sign(request, body, _credentials(), _time.GetUtcNow().UtcDateTime);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AppMeshException(AppMeshErrorType.Transport, 0, $"{method} {uri.AbsolutePath}: {e.Message}", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = ParseObject(text);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return json ?? throw new AppMeshException(AppMeshErrorType.Other, status,
                    $"{method} {uri.AbsolutePath}: the answer is not a JSON object ({Excerpt(text)}); is --endpoint-url an App Mesh endpoint?");
            }
            // Load balancers and proxies in front of the API answer errors in HTML or plain text: the status still
            // classifies them (a 503 page is as retryable as a JSON 503), never a parser exception (E16).
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            throw AppMeshException.FromResponse(status, errorType, (string?)json?["__type"],
                json is null ? $"HTTP {status}: {Excerpt(text)}" : (string?)(json["message"] ?? json["Message"]));
        }
    }

    // Null when the body is not a JSON object; an empty body is an empty object (DELETE answers).
    private static JsonObject? ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : line[..120] + "…";
    }
}