using System.Net;
using System.Text.Json;
using MeshFed.Federation.Up;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshFed.Gateway.Tests;

/// <summary>A loopback federation for a test, and a client that speaks to its gateways' local listeners as a mesh would.</summary>
public sealed class TestFederation : IAsyncDisposable
{
    internal TestFederation(LocalFederation federation)
    {
        Federation = federation;
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The federation.</summary>
    public LocalFederation Federation { get; }

    /// <summary>A plain client.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a federation from manifest text.</summary>
    public static async Task<TestFederation> StartAsync(string yaml, LocalFederationOptions? options = null, ILoggerFactory? loggers = null)
    {
        var loaded = ManifestLoader.LoadText(yaml, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var federation = await LocalFederation.StartAsync(loaded.Mesh!, options ?? new LocalFederationOptions { TypicalLatency = false, RandomSeed = 7 }, loggers ?? NullLoggerFactory.Instance);
        return new TestFederation(federation);
    }

    /// <summary>Sends a request into <paramref name="site"/>'s local listener for <paramref name="host"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(string site, string host, string path = "/", HttpMethod? method = null, IDictionary<string, string>? headers = null, string? caller = null)
    {
        var local = Federation.Gateways[site].LocalEndpoint;
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, $"http://127.0.0.1:{local.Port}{path}");
        request.Headers.Host = host;
        if (caller is not null)
            request.Headers.Add("x-forwarded-client-cert", $"By=spiffe://cluster.local/ns/meshfed-system/sa/meshfed-gateway;URI={caller}");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return await Client.SendAsync(request);
    }

    /// <summary>The workload's answer: who served, and the headers it received.</summary>
    public static async Task<Served> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var json = JsonDocument.Parse(text).RootElement;
        return new Served(
            json.GetProperty("service").GetString()!,
            json.GetProperty("version").GetString()!,
            json.GetProperty("site").GetString()!,
            json.GetProperty("protocol").GetString()!,
            json.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    /// <summary>What a workload saw.</summary>
    public sealed record Served(string Service, string Version, string Site, string Protocol, IReadOnlyDictionary<string, string> Headers);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Federation.DisposeAsync();
    }
}

/// <summary>A <see cref="TestFederation"/> over a federation the test started itself.</summary>
public sealed class TestFederationView(LocalFederation federation) : IAsyncDisposable
{
    private readonly TestFederation _inner = new(federation);

    /// <summary>See <see cref="TestFederation.SendAsync"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(string site, string host) => _inner.SendAsync(site, host);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
