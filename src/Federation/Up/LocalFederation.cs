using System.Net;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Federation.Trust;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using Microsoft.Extensions.Logging;

namespace MeshFed.Federation.Up;

/// <summary>Options of a federation on one machine.</summary>
public sealed record LocalFederationOptions
{
    /// <summary>Where the generated trust goes (a fresh temporary folder when null, deleted on dispose).</summary>
    public string? TrustFolder { get; init; }

    /// <summary>Whether demo workloads add version-typical latency.</summary>
    public bool TypicalLatency { get; init; } = true;

    /// <summary>Whether the local listeners serve local targets too (no mesh in front).</summary>
    public bool ServeLocalTargets { get; init; } = true;

    /// <summary>The manifest path, watched for hot reload (null: none).</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Process telemetry for <c>/metrics</c> (null: none).</summary>
    public GatewayTelemetry? Telemetry { get; init; }

    /// <summary>SVID lifetime.</summary>
    public TimeSpan SvidLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Seed for the gateways' weighted choices (null: random).</summary>
    public int? RandomSeed { get; init; }

    /// <summary>JWKS fetcher for the gateways (null: HTTPS).</summary>
    public HttpMessageHandler? JwksHandler { get; init; }

    /// <summary>
    /// The hops whose <c>x-forwarded-client-cert</c> the gateways believe. <c>up</c>'s demo callers play the mesh's
    /// sidecar from loopback, so by default the loopback client addresses are trusted, as a sidecar's would be.
    /// </summary>
    public IReadOnlyList<IPNetwork> TrustXfccFrom { get; init; } = LoopbackCallers;

    /// <summary>The loopback client addresses <c>up</c>'s demo callers send from.</summary>
    public static IReadOnlyList<IPNetwork> LoopbackCallers { get; } = [IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("::1/128")];

    /// <summary>A last say over each gateway's settings (tests: limits, timeouts).</summary>
    public Func<GatewaySettings, GatewaySettings>? ConfigureGateway { get; init; }

    /// <summary>
    /// The clock every gateway reads (null: the system clock). Tests pass a fake one where what they prove depends on
    /// time (retry budgets per second, ejection periods), so that it does not depend on how busy the machine is.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// Whether each <c>vpc-lattice</c> site gets <c>up</c>'s loopback Lattice data plane (<see cref="LatticeStandIn"/>):
    /// deliveries signed into it, and its callers' Lattice identity believed from loopback. Off for tests that stand
    /// their own Lattice service in front of a site and prove who may claim a Lattice identity.
    /// </summary>
    public bool LatticeStandIns { get; init; } = true;
}

/// <summary>
/// A whole federation on loopback: for every site of the manifest a gateway on free ports, for every
/// deployment a demo workload, and trust generated on the fly (a root, an intermediate per site, SVIDs).
/// The manifest's gateway addresses are replaced by the loopback ones, so any manifest runs as it is.
/// </summary>
public sealed class LocalFederation : IAsyncDisposable
{
    private readonly bool _ownsTrustFolder;

    private readonly List<TrustReloader> _reloaders;

    private LocalFederation(FederatedMesh mesh, string trustFolder, bool ownsTrustFolder, IReadOnlyList<DemoWorkload> workloads, IReadOnlyDictionary<string, GatewayHost> gateways, List<TrustReloader> reloaders,
        IReadOnlyDictionary<string, LatticeStandIn> lattice)
    {
        _reloaders = reloaders;
        Lattice = lattice;
        Mesh = mesh;
        TrustFolder = trustFolder;
        _ownsTrustFolder = ownsTrustFolder;
        Workloads = workloads;
        Gateways = gateways;
    }

    /// <summary>The mesh as it runs here (gateways on loopback).</summary>
    public FederatedMesh Mesh { get; }

    /// <summary>The trust folder (sites/&lt;site&gt;/ holds each gateway's SVID).</summary>
    public string TrustFolder { get; }

    /// <summary>One workload per deployment.</summary>
    public IReadOnlyList<DemoWorkload> Workloads { get; }

    /// <summary>The gateway of each site.</summary>
    public IReadOnlyDictionary<string, GatewayHost> Gateways { get; }

    /// <summary>The loopback VPC Lattice data plane of each <c>vpc-lattice</c> site, where its gateway delivers, signed.</summary>
    public IReadOnlyDictionary<string, LatticeStandIn> Lattice { get; }

    /// <summary>The workload of a service's version in a site.</summary>
    public DemoWorkload Workload(string service, string site, string version) =>
        Workloads.Single(w => w.Service.Name == service && w.Deployment.Site == site && w.Deployment.Version == version);

    /// <summary>Starts everything.</summary>
    public static async Task<LocalFederation> StartAsync(FederatedMesh manifestMesh, LocalFederationOptions options, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        // Ports are picked free before the gateways start (each gateway's plan names the others' peer ports), so
        // another process can take one in between: then start again on fresh ports, a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(manifestMesh, options, loggers, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (attempt < 5 && IsAddressInUse(e))
            {
                loggers.CreateLogger("meshfed.up").LogDebug("A picked port was taken meanwhile ({Message}); starting again on fresh ports", e.Message);
            }
        }
    }

    private static bool IsAddressInUse(Exception e) =>
        e is Microsoft.AspNetCore.Connections.AddressInUseException
        || (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
        || (e.InnerException is { } inner && IsAddressInUse(inner));

    private static async Task<LocalFederation> StartOnceAsync(FederatedMesh manifestMesh, LocalFederationOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var ports = manifestMesh.Sites.ToDictionary(s => s.Name, _ => FreePorts.Next());
        FederatedMesh OnLoopback(FederatedMesh m) => m with
        {
            Sites = [.. m.Sites.Select(s => s with { Gateway = new SiteGateway { Address = "127.0.0.1", Port = ports.GetValueOrDefault(s.Name) } })],
        };
        var mesh = OnLoopback(manifestMesh);
        var ownsTrust = options.TrustFolder is null;
        var trustPath = options.TrustFolder ?? Path.Combine(Path.GetTempPath(), $"meshfed-up-{Guid.NewGuid():N}");
        var trust = new TrustFolder(trustPath);
        TrustIssuer.Init(mesh, trust, DateTimeOffset.UtcNow);
        foreach (var site in mesh.Sites)
            TrustIssuer.Issue(mesh, trust, site.Name, options.SvidLifetime, DateTimeOffset.UtcNow);

        var workloads = new List<DemoWorkload>();
        var gateways = new Dictionary<string, GatewayHost>();
        var reloaders = new List<TrustReloader>();
        var lattice = new Dictionary<string, LatticeStandIn>(StringComparer.Ordinal);
        var latticeSigners = new Dictionary<string, Func<DelegatingHandler>>(StringComparer.Ordinal);
        try
        {
            foreach (var service in mesh.Services.Where(s => s.Ports.Any(p => p.IsRequestAware)))
            {
                foreach (var deployment in service.Deployments)
                    workloads.Add(await DemoWorkload.StartAsync(service, deployment, options.TypicalLatency, loggers, cancellationToken).ConfigureAwait(false));
            }
            Uri? WorkloadEndpoint(Service service, string site, string version, ServicePort port) => workloads
                .FirstOrDefault(w => w.Service.Name == service.Name && w.Service.Namespace == service.Namespace && w.Deployment.Site == site && w.Deployment.Version == version)?.EndpointFor(port);
            foreach (var site in mesh.Sites.Where(s => s.Mesh == MeshKind.VpcLattice && options.LatticeStandIns))
            {
                var credentials = LatticeStandIn.NewGatewayCredentials();
                var standIn = await LatticeStandIn.StartAsync(mesh, site, credentials, (service, version, port) => WorkloadEndpoint(service, site.Name, version, port), loggers, cancellationToken).ConfigureAwait(false);
                lattice[site.Name] = standIn;
                latticeSigners[site.Name] = LatticeSigner(site, credentials);
            }
            foreach (var site in mesh.Sites)
            {
                var view = new SiteView(mesh, site);
                lattice.TryGetValue(site.Name, out var standIn);
                var settings = new GatewaySettings
                {
                    Site = site.Name,
                    PeerListen = new IPEndPoint(IPAddress.Loopback, ports[site.Name]),
                    LocalListen = new IPEndPoint(IPAddress.Loopback, 0),
                    AdminListen = new IPEndPoint(IPAddress.Loopback, 0),
                    ServeLocalTargets = options.ServeLocalTargets,
                    // Workloads are found by service name and deployment (records from the manifest, not this copy).
                    // On a VPC Lattice site, a version served to other sites is reached through its Lattice service (the
                    // loopback stand-in, signed); everything else straight at the workload, as up has no mesh.
                    LocalEndpoints = (service, deployment, port) => standIn is not null && view.LatticeDelivery(service, port) is not null
                        ? [port.IsHttp2 ? standIn.Http2 : standIn.Http1]
                        : [.. workloads
                            .Where(w => w.Service.Name == service.Name && w.Service.Namespace == service.Namespace && w.Deployment.Site == deployment.Site && w.Deployment.Version == deployment.Version)
                            .Select(w => w.EndpointFor(port))],
                    LatticeSigner = latticeSigners.GetValueOrDefault(site.Name),
                    RandomSeed = options.RandomSeed,
                    JwksHandler = options.JwksHandler,
                    DrainTimeout = TimeSpan.FromSeconds(5),
                    // A Lattice site has no sidecar to set XFCC: its callers come through Lattice, whose identity header up's
                    // demo callers send from loopback, standing in for Lattice's link-local addresses.
                    TrustXfccFrom = standIn is null ? options.TrustXfccFrom : [],
                    TrustLatticeFrom = standIn is null ? null : LocalFederationOptions.LoopbackCallers,
                };
                settings = options.ConfigureGateway?.Invoke(settings) ?? settings;
                var reloader = new TrustReloader(trust.GatewayFolder(site.Name), new GatewayIdentity(mesh.TrustDomain, site.Name), loggers.CreateLogger("meshfed.trust"), TimeSpan.FromSeconds(1));
                reloaders.Add(reloader);
                gateways[site.Name] = await GatewayHost.StartAsync(new GatewayHostOptions
                {
                    Mesh = mesh,
                    Settings = settings,
                    Trust = reloader,
                    LoggerFactory = loggers,
                    Telemetry = options.Telemetry,
                    ManifestPath = options.ManifestPath,
                    ReloadTransform = OnLoopback,
                    TimeProvider = options.TimeProvider,
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await new LocalFederation(mesh, trustPath, ownsTrust, workloads, gateways, reloaders, lattice).DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new LocalFederation(mesh, trustPath, ownsTrust, workloads, gateways, reloaders, lattice);
    }

    // The gateway signs with the generated key, as with its role's credentials in AWS (a fixed key never expires).
    private static Func<DelegatingHandler> LatticeSigner(Site site, AwsCredentials credentials)
    {
        var source = new RefreshingCredentials(_ => Task.FromResult(new ExpiringCredentials(credentials, null)), TimeProvider.System);
        return () => new LatticeSigningHandler(site.Region ?? LatticeStandIn.DefaultRegion, source, TimeProvider.System);
    }

    /// <summary>Stops the gateways (draining) and the workloads.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(Gateways.Values.Select(g => g.StopAsync(cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(Workloads.Select(w => w.StopAsync())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var reloader in _reloaders)
            reloader.Dispose();
        foreach (var gateway in Gateways.Values)
            await gateway.DisposeAsync().ConfigureAwait(false);
        foreach (var standIn in Lattice.Values)
            await standIn.DisposeAsync().ConfigureAwait(false);
        foreach (var workload in Workloads)
            await workload.DisposeAsync().ConfigureAwait(false);
        if (_ownsTrustFolder && Directory.Exists(TrustFolder))
            Directory.Delete(TrustFolder, recursive: true);
    }
}
