using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Tests.Lattice;

/// <summary>
/// A VPC Lattice service on loopback with IAM auth: it recomputes each request's SigV4 signature (service
/// <c>vpc-lattice-svcs</c>, the region, <c>x-amz-content-sha256: UNSIGNED-PAYLOAD</c>) with the official
/// JavaScript signer (@smithy/signature-v4; AWSSDK.Core's signer hashes the body whatever the header says), refuses a missing or wrong one, an unknown or expired key and a stale date with 403 as Lattice does,
/// and forwards what it admits to the callee.
/// </summary>
public sealed class LoopbackLatticeService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new();
    private readonly Dictionary<string, (AwsCredentials Credentials, DateTimeOffset Expires)> _keys = [];

    private LoopbackLatticeService(WebApplication app, string region, Func<DateTimeOffset> clock)
    {
        _app = app;
        Region = region;
        Clock = clock;
    }

    /// <summary>The region the signatures must be scoped to.</summary>
    public string Region { get; }

    /// <summary>The service's clock (signatures are accepted within 5 minutes of it).</summary>
    public Func<DateTimeOffset> Clock { get; }

    /// <summary>Where the callee listens.</summary>
    public Uri? Upstream { get; set; }

    /// <summary>The access key ids of the requests admitted, in order.</summary>
    public List<string> Admitted { get; } = [];

    /// <summary>The Host of the requests admitted, in order (Lattice routes on it).</summary>
    public List<string> Hosts { get; } = [];

    /// <summary>Why requests were refused, in order.</summary>
    public List<string> Refused { get; } = [];

    /// <summary>The service's address.</summary>
    public Uri Uri => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>Lets <paramref name="credentials"/> in until <paramref name="expires"/>.</summary>
    public void Accept(AwsCredentials credentials, DateTimeOffset expires)
    {
        lock (_keys)
            _keys[credentials.AccessKeyId] = (credentials, expires);
    }

    /// <summary>Starts the service on a free loopback port.</summary>
    public static async Task<LoopbackLatticeService> StartAsync(string region, Func<DateTimeOffset> clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new LoopbackLatticeService(app, region, clock);
        app.Run(service.HandleAsync);
        await app.StartAsync();
        return service;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (keyId, refusal) = Verify(context.Request);
        if (refusal is not null)
        {
            lock (Refused)
                Refused.Add(refusal);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync(refusal);
            return;
        }
        lock (Admitted)
        {
            Admitted.Add(keyId!);
            Hosts.Add(context.Request.Host.Value!);
        }
        if (Upstream is null)
        {
            await context.Response.WriteAsync("admitted");
            return;
        }
        using var forwarded = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(Upstream!, context.Features.Get<IHttpRequestFeature>()!.RawTarget));
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        using var response = await _upstream.SendAsync(forwarded, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The key a request was signed with, and null when it is signed as Lattice requires, else why not.</summary>
    private (string? KeyId, string? Refusal) Verify(HttpRequest request)
    {
        string? keyId = null;
        var refusal = Check(request, ref keyId);
        return (keyId, refusal);
    }

    private string? Check(HttpRequest request, ref string? keyId)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("AWS4-HMAC-SHA256 Credential=", StringComparison.Ordinal))
            return "missing signature";
        var credential = authorization["AWS4-HMAC-SHA256 Credential=".Length..].Split(',')[0].Split('/');
        if (credential is not [var id, _, var region, var service, "aws4_request"] || region != Region || service != "vpc-lattice-svcs")
            return $"wrong credential scope: {string.Join('/', credential.Skip(1))}";
        if (request.Headers["x-amz-content-sha256"] != "UNSIGNED-PAYLOAD")
            return "x-amz-content-sha256 is not UNSIGNED-PAYLOAD";
        keyId = id;
        (AwsCredentials Credentials, DateTimeOffset Expires) key;
        lock (_keys)
        {
            if (!_keys.TryGetValue(keyId, out key))
                return $"unknown key {keyId}";
        }
        var now = Clock();
        if (now >= key.Expires)
            return $"expired key {keyId}";
        if (!DateTimeOffset.TryParseExact(request.Headers["x-amz-date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal, out var signedAt)
            || (now - signedAt).Duration() > TimeSpan.FromMinutes(5))
            return "x-amz-date missing or more than 5 minutes off";
        if (request.Headers["x-amz-security-token"].ToString() != (key.Credentials.SessionToken ?? ""))
            return "wrong session token";

        // Recomputed by the official JavaScript signer (the one the AWS SDK for JavaScript v3 signs Lattice requests
        // with) over what arrived: method, Host, raw path and query, and the signed headers.
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var query = new JsonObject();
        var queryStart = target.IndexOf('?');
        foreach (var part in (queryStart < 0 ? "" : target[(queryStart + 1)..]).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            var (name, value) = (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
            query[name] = query[name] switch
            {
                null => value,
                JsonArray values => new JsonArray([.. values.Select(v => (JsonNode?)v!.GetValue<string>()), value]),
                var one => new JsonArray(one.GetValue<string>(), value),
            };
        }
        var input = new JsonObject
        {
            ["method"] = request.Method,
            ["protocol"] = "http:",
            ["hostname"] = request.Host.Host,
            ["port"] = request.Host.Port,
            ["path"] = queryStart < 0 ? target : target[..queryStart],
            ["query"] = query,
            ["headers"] = new JsonObject { ["host"] = request.Host.Value },
            ["unsignableHeaders"] = new JsonArray(),
            ["region"] = Region,
            ["credentials"] = new JsonObject
            {
                ["accessKeyId"] = key.Credentials.AccessKeyId,
                ["secretAccessKey"] = key.Credentials.SecretAccessKey,
                ["sessionToken"] = key.Credentials.SessionToken,
            },
            ["signingDate"] = request.Headers["x-amz-date"].ToString(),
        };
        var (exit, stdout, stderr) = NodeToolServer.Run("lattice", "@smithy/signature-v4", "sigv4.mjs", [], input.ToJsonString());
        if (exit != 0)
            return $"the official signer failed: {stderr}";
        var official = JsonSerializer.Deserialize<Dictionary<string, string>>(stdout)!;
        return official.GetValueOrDefault("authorization") == authorization ? null : "signature does not match";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.DisposeAsync();
    }
}
