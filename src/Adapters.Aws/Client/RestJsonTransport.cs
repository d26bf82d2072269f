using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace MeshFed.Adapters.Aws.Client;

/// <summary>
/// One AWS restJson1 API over HttpClient, as App Mesh and VPC Lattice both speak it: the request's JSON body and
/// query, SigV4 with the API's signing name, the answer's JSON object (empty for 204), and throttling, 5xx and
/// transport failures retried with jittered exponential backoff (Polly), a bounded number of times and counted.
/// What differs per API — its exception type and messages — is in <see cref="RestJsonErrors"/>.
/// </summary>
internal sealed class RestJsonTransport
{
    private readonly HttpClient _http;
    private readonly SigV4Signer _signer;
    private readonly Func<AwsCredentials> _credentials;
    private readonly Uri _endpoint;
    private readonly RestJsonErrors _errors;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private long _retries;

    /// <summary>Creates a transport to <paramref name="endpoint"/>, signing for <paramref name="signingName"/> in <paramref name="region"/>.</summary>
    public RestJsonTransport(HttpClient http, Func<AwsCredentials> credentials, string signingName, string region, Uri endpoint,
        RestJsonRetry retry, RestJsonErrors errors, TimeProvider? time)
    {
        _http = http;
        _credentials = credentials;
        _endpoint = endpoint;
        _errors = errors;
        _time = time ?? TimeProvider.System;
        _signer = new SigV4Signer(signingName, region);
        _retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(errors.IsRetryable),
                MaxRetryAttempts = Math.Max(0, retry.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref _retries);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Attempts retried so far (throttling, 5xx, transport): counted, never silent.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Sends one request (retrying what deserves it) and returns the answer's JSON object (empty for 204).</summary>
    public async Task<JsonObject> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? query, JsonObject? body,
        CancellationToken cancellationToken)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString());
        var uri = new UriBuilder(_endpoint)
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
            throw _errors.Transport(method, uri, e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = ParseObject(text);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return json ?? throw _errors.NotJson(method, uri, status, Excerpt(text));
            // Load balancers and proxies in front of the API answer errors in HTML or plain text: the status still
            // classifies them (a 503 page is as retryable as a JSON 503), never a parser exception.
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            throw _errors.FromResponse(method, uri, status, errorType, (string?)json?["__type"], json, Excerpt(text));
        }
    }

    /// <summary>An error body's message (restJson1 APIs spell it <c>message</c> or <c>Message</c>).</summary>
    public static string? MessageOf(JsonObject body) => (string?)(body["message"] ?? body["Message"]);

    // Null when the body is not a JSON object; an empty body is an empty object (DELETE and 204 answers).
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
