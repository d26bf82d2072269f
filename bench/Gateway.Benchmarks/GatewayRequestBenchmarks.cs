using System.Net;
using System.Net.Security;
using BenchmarkDotNet.Attributes;
using MeshFed.Federation.Trust;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Benchmarks;

/// <summary>
/// One request through real gateways in this process (two sites' gateways on loopback: Kestrel, the
/// routers, caller identity, allow rules, Polly, YARP, mTLS between gateways, the golden-signal metrics and
/// trace context with the Prometheus pipeline a gateway without cloud exporters runs), with the backends
/// replaced by <see cref="CannedBackend"/>, which costs next to nothing. Allocated bytes count every thread of
/// the process, so they include the benchmark's own <see cref="HttpClient"/>; <see cref="Backend"/> is that
/// floor (client and backend, no gateway), to subtract.
/// </summary>
[MemoryDiagnoser]
public class GatewayRequestBenchmarks
{
    // Every feature a request pays for is on: a route with timeout and retries, ring-hash over two endpoints,
    // an outlier breaker, and allow rules naming the caller, which XFCC (local) or the peer (inbound) asserts.
    private const string Manifest = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: bench }
        spec:
          trustDomain: bench.example
          sites:
            - { name: a, provider: aws, region: us-east-1, mesh: appmesh, meshTrustDomain: a.mesh, gateway: { address: 10.0.0.1 } }
            - { name: b, provider: gcp, project: p, region: europe-west1, mesh: istio, meshTrustDomain: b.mesh, gateway: { address: 10.0.0.2 } }
          services:
            - name: checkout
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }]
            - name: orders
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }]
              traffic:
                timeout: 5s
                retries: { attempts: 2, on: [5xx] }
                loadBalancer: { policy: ring-hash, hashOn: { header: x-customer-id } }
                circuitBreaker: { consecutive5xx: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50 }
              security:
                allow:
                  - from: [checkout]
                    methods: [GET]
                    paths: [/orders/*]
            - name: payments
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
              traffic:
                timeout: 5s
                retries: { attempts: 2, on: [5xx] }
                loadBalancer: { policy: ring-hash, hashOn: { header: x-customer-id } }
                circuitBreaker: { consecutive5xx: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50 }
              security:
                allow:
                  - from: [checkout]
                    methods: [GET]
                    paths: [/orders/*]
        """;

    private const string Caller = "spiffe://a.mesh/ns/default/sa/checkout";

    private readonly byte[] _body = new byte[16 * 1024];
    private readonly Dictionary<string, GatewayHost> _gateways = [];
    private CannedBackend _backend1 = null!;
    private CannedBackend _backend2 = null!;
    private GatewayTelemetry _telemetry = null!;
    private ILoggerFactory _loggers = null!;
    private string _trustPath = null!;
    private HttpClient _client = null!;
    private HttpClient _peer = null!;
    private Uri _local = null!;
    private Uri _peerListener = null!;

    /// <summary>Starts both gateways and the backends, and checks every path answers 200.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var loaded = ManifestLoader.LoadText(Manifest, "bench.yaml");
        if (!loaded.IsValid)
            throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        // Both gateways on loopback, as `meshfed up` places them, but started here with fixed trust material: the
        // up federation polls its trust folder every second, which allocates as much as a hundred requests.
        var ports = loaded.Mesh!.Sites.ToDictionary(s => s.Name, _ => FreePort());
        var mesh = loaded.Mesh with
        {
            Sites = [.. loaded.Mesh.Sites.Select(s => s with { Gateway = new SiteGateway { Address = "127.0.0.1", Port = ports[s.Name] } })],
        };
        _backend1 = new CannedBackend();
        _backend2 = new CannedBackend();
        _telemetry = GatewayTelemetry.Create(mesh.Telemetry);
        // The logging `meshfed gateway` sets up (GatewayCommand): a console, framework categories at Warning. What
        // is enabled decides what ASP.NET Core does per request (its hosting log scope), so it is the real one.
        _loggers = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning)
            .AddFilter("meshfed", LogLevel.Warning));
        _trustPath = Directory.CreateTempSubdirectory("meshfed-bench-").FullName;
        var trust = new TrustFolder(_trustPath);
        TrustIssuer.Init(mesh, trust, DateTimeOffset.UtcNow);
        foreach (var site in mesh.Sites)
        {
            TrustIssuer.Issue(mesh, trust, site.Name, TimeSpan.FromHours(2), DateTimeOffset.UtcNow);
            var settings = new GatewaySettings
            {
                Site = site.Name,
                PeerListen = new IPEndPoint(IPAddress.Loopback, ports[site.Name]),
                LocalListen = new IPEndPoint(IPAddress.Loopback, 0),
                AdminListen = new IPEndPoint(IPAddress.Loopback, 0),
                ServeLocalTargets = true,
                LocalEndpoints = (_, _, _) => [_backend1.Endpoint, _backend2.Endpoint],
                TrustXfccFrom = [IPNetwork.Parse("127.0.0.1/32")],
                RandomSeed = 7,
                DrainTimeout = TimeSpan.FromSeconds(1),
            };
            var material = new TrustReloader(TrustMaterial.Load(trust.GatewayFolder(site.Name)), _loggers.CreateLogger("meshfed.trust"));
            _gateways[site.Name] = await GatewayHost.StartAsync(new GatewayHostOptions
            {
                Mesh = mesh,
                Settings = settings,
                Trust = material,
                LoggerFactory = _loggers,
                Telemetry = _telemetry,
            });
        }
        _local = new Uri($"http://127.0.0.1:{_gateways["a"].LocalEndpoint.Port}/orders/42");
        _peerListener = new Uri($"https://127.0.0.1:{_gateways["b"].PeerEndpoint.Port}/orders/42");
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false });
        // Site a's gateway, as far as b's peer listener can tell: a's own SVID.
        var svidOfA = TrustMaterial.Load(trust.GatewayFolder("a"));
        _peer = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = svidOfA.Context,
                RemoteCertificateValidationCallback = (_, _, _, _) => true, // measured: b's side of the handshake, not this client's
            },
        });
        // Fail here, loudly, rather than measure refusals.
        await Backend();
        await LocalDelivery();
        await CrossSite();
        await PeerInbound();
    }

    /// <summary>Stops everything.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _peer.Dispose();
        foreach (var gateway in _gateways.Values)
            gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _telemetry.Dispose();
        _loggers.Dispose();
        _backend1.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _backend2.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_trustPath, recursive: true);
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>The floor: this benchmark's client straight to a backend, no gateway.</summary>
    [Benchmark(Baseline = true)]
    public Task Backend() => SendAsync(_client, Request(new Uri(_backend1.Endpoint, "/orders/42"), "orders"));

    /// <summary>
    /// The local listener's outbound path, delivered in its own site: caller from XFCC (a trusted hop), route
    /// and version choice, allow rules, ring-hash, Polly (timeout and retries), YARP to the backend.
    /// </summary>
    [Benchmark]
    public Task LocalDelivery()
    {
        var request = Request(_local, "orders");
        request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", $"By=spiffe://a.mesh/ns/meshfed-system/sa/meshfed-gateway;URI={Caller}");
        return SendAsync(_client, request);
    }

    /// <summary>
    /// Both hops: site a's local listener (outbound to site b, Polly, YARP over the federation mTLS link) and
    /// site b's peer listener (peer identity, exportTo, allow rules with the caller a asserted, ring-hash, YARP).
    /// </summary>
    [Benchmark]
    public Task CrossSite()
    {
        var request = Request(_local, "payments");
        request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", $"By=spiffe://a.mesh/ns/meshfed-system/sa/meshfed-gateway;URI={Caller}");
        return SendAsync(_client, request);
    }

    /// <summary>The peer listener's inbound path alone: a request as site a's gateway sends it, over mTLS, into site b.</summary>
    [Benchmark]
    public Task PeerInbound()
    {
        var request = Request(_peerListener, "payments");
        request.Headers.TryAddWithoutValidation("x-meshfed-caller", Caller);
        return SendAsync(_peer, request);
    }

    private static HttpRequestMessage Request(Uri uri, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("x-customer-id", "c-1042");
        return request;
    }

    private async Task SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{request.RequestUri} (Host {request.Headers.Host}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await using var body = await response.Content.ReadAsStreamAsync();
            var length = 0;
            int read;
            while ((read = await body.ReadAsync(_body)) > 0)
                length += read;
            if (length != CannedBackend.BodyLength)
                throw new InvalidOperationException($"{request.RequestUri} answered {length} bytes, not {CannedBackend.BodyLength}");
        }
    }
}
