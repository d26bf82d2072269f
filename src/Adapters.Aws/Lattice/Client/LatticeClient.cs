using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using Polly;
using Polly.Retry;

namespace MeshFed.Adapters.Aws.Lattice.Client;

/// <summary>
/// The VPC Lattice control-plane API (restJson1) over HttpClient, signed with SigV4 for the signing name
/// <c>vpc-lattice</c> (the Smithy model's <c>aws.auth#sigv4</c> trait; <c>vpc-lattice-svcs</c> is the data plane's).
/// Throttling, 5xx and transport failures are retried with jittered exponential backoff, a bounded number of
/// times; a retried create reuses its <c>clientToken</c>, so the API sees one logical request. Every other error
/// surfaces as a <see cref="LatticeException"/> with the API's code and message.
/// </summary>
public sealed class LatticeClient
{
    /// <summary>The largest page the list operations accept (Smithy model: <c>MaxResults</c> 1–100).</summary>
    public const int PageSize = 100;

    private readonly HttpClient _http;
    private readonly SigV4Signer _signer;
    private readonly Func<AwsCredentials> _credentials;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private long _retries;

    /// <summary>Creates a client.</summary>
    public LatticeClient(HttpClient http, Func<AwsCredentials> credentials, LatticeClientOptions options, TimeProvider? time = null)
    {
        _http = http;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        Options = options;
        _signer = new SigV4Signer("vpc-lattice", options.Region);
        _retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<LatticeException>(e => e.IsRetryable),
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
    public LatticeClientOptions Options { get; }

    /// <summary>Attempts retried so far (throttling, 5xx, transport): counted, never silent.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Runs a rendered Create/Put/Register call whose placeholders are resolved; returns the API's answer (with the new <c>id</c>).</summary>
    public Task<JsonObject> CreateAsync(LatticeOperation operation, JsonObject input, CancellationToken cancellationToken = default) =>
        SendAsync(LatticeRequests.Create(operation, input, Guid.NewGuid().ToString()), cancellationToken);

    /// <summary>A Get, or null when the resource does not exist.</summary>
    public async Task<JsonObject?> GetAsync(LatticeRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync(request, cancellationToken);
        }
        catch (LatticeException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Every item of a list operation, following <c>nextToken</c> pages of <see cref="PageSize"/>.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(LatticeRequest list, CancellationToken cancellationToken = default)
    {
        var items = new List<JsonObject>();
        string? next = null;
        do
        {
            var page = await SendAsync(LatticeRequests.Page(list, PageSize, next), cancellationToken);
            items.AddRange(page["items"]?.AsArray().OfType<JsonObject>().Select(i => i.DeepClone().AsObject()) ?? []);
            next = (string?)page["nextToken"];
        }
        while (!string.IsNullOrEmpty(next));
        return items;
    }

    /// <summary>The tags of a resource, by ARN.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string arn, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(LatticeRequests.ListTagsForResource(arn), cancellationToken);
        return answer["tags"]?.AsObject().ToDictionary(t => t.Key, t => (string?)t.Value ?? "", StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Sends one request (retrying what deserves it) and returns the answer's JSON object (empty for 204).</summary>
    public async Task<JsonObject> SendAsync(LatticeRequest request, CancellationToken cancellationToken = default)
    {
        var bytes = request.Body is null ? [] : Encoding.UTF8.GetBytes(request.Body.ToJsonString());
        var uri = new UriBuilder(Options.Endpoint)
        {
            Path = request.Path,
            Query = string.Join("&", request.Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")),
        }.Uri;
        return await _retry.ExecuteAsync(async token => await SendOnceAsync(request.Method, uri, bytes, request.Body is not null, token), cancellationToken);
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
            throw new LatticeException(LatticeException.TransportCode, 0, $"{method} {uri.AbsolutePath}: {e.Message}", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = ParseObject(text);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return json ?? throw new LatticeException("InvalidResponse", status,
                    $"{method} {uri.AbsolutePath}: the answer is not a JSON object ({Excerpt(text)}); is --endpoint-url a VPC Lattice endpoint?");
            }
            // Proxies in front of the API answer errors in HTML or plain text: the status still classifies them.
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            throw LatticeException.FromResponse(status, errorType, (string?)json?["__type"],
                json is null ? $"{method} {uri.AbsolutePath}: {Excerpt(text)}" : $"{method} {uri.AbsolutePath}: {(string?)(json["message"] ?? json["Message"])}");
        }
    }

    // Null when the body is not a JSON object; an empty body is an empty object (204 answers).
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
