using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;

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

    private readonly RestJsonTransport _transport;

    /// <summary>Creates a client.</summary>
    public LatticeClient(HttpClient http, Func<AwsCredentials> credentials, LatticeClientOptions options, TimeProvider? time = null)
    {
        Options = options;
        _transport = new RestJsonTransport(http, credentials, "vpc-lattice", options.Region, options.Endpoint,
            new RestJsonRetry(options.MaxAttempts, options.BaseDelay, options.MaxDelay), s_errors, time);
    }

    // Lattice's error codes; every message names the call, and the endpoint when the answer is not Lattice's.
    private static readonly RestJsonErrors s_errors = new(
        e => e is LatticeException { IsRetryable: true },
        (method, uri, cause) => new LatticeException(LatticeException.TransportCode, 0, $"{method} {uri.AbsolutePath}: {cause.Message}", cause),
        (method, uri, status, excerpt) => new LatticeException("InvalidResponse", status,
            $"{method} {uri.AbsolutePath}: the answer is not a JSON object ({excerpt}); is --endpoint-url a VPC Lattice endpoint?"),
        (method, uri, status, errorType, type, body, excerpt) => LatticeException.FromResponse(status, errorType, type,
            $"{method} {uri.AbsolutePath}: {(body is null ? excerpt : RestJsonTransport.MessageOf(body))}"));

    /// <summary>The options.</summary>
    public LatticeClientOptions Options { get; }

    /// <summary>Attempts retried so far (throttling, 5xx, transport): counted, never silent.</summary>
    public long Retries => _transport.Retries;

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
    public Task<JsonObject> SendAsync(LatticeRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(request.Method, request.Path, request.Query, request.Body, cancellationToken);
}
