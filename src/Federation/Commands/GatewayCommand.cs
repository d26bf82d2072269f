using System.CommandLine;
using System.Net;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Telemetry;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using Microsoft.Extensions.Logging;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed gateway &lt;manifest&gt; --site S --trust-dir DIR</c>: runs one site's east-west gateway until stopped.</summary>
public sealed class GatewayCommand : Command
{
    /// <summary>The manifest file or folder.</summary>
    public Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest (watched: changes reload)." };

    /// <summary><c>--site</c>.</summary>
    public Option<string> SiteOption { get; } = new("--site") { Description = "The site this gateway serves.", Required = true };

    /// <summary><c>--trust-dir</c>.</summary>
    public Option<string> TrustDirOption { get; } = new("--trust-dir") { Description = "Folder with bundle.pem, gateway.crt and gateway.key (watched: rotations reload).", Required = true };

    /// <summary><c>--peer-listen</c>.</summary>
    public Option<string?> PeerListenOption { get; } = new("--peer-listen") { Description = "Peer listener address:port (default 0.0.0.0:<the site's gateway port>)." };

    /// <summary><c>--local-listen</c>.</summary>
    public Option<string> LocalListenOption { get; } = new("--local-listen") { Description = "Local listener address:port.", DefaultValueFactory = _ => GatewayRequest.DefaultLocalListen };

    /// <summary><c>--admin-listen</c>.</summary>
    public Option<string> AdminListenOption { get; } = new("--admin-listen")
    {
        Description = "Admin listener address:port (/healthz, /readyz, /metrics); loopback unless probes come from the network (then the pod or task address, or 0.0.0.0).",
        DefaultValueFactory = _ => GatewayRequest.DefaultAdminListen,
    };

    /// <summary><c>--trust-xfcc-from</c>.</summary>
    public Option<string?> TrustXfccOption { get; } = new("--trust-xfcc-from")
    {
        Description = "ADDR|CIDR[,...] or 'none': the hops whose x-forwarded-client-cert names the caller (the site mesh's sidecar). "
            + "Default from the manifest: 127.0.0.6/32 and ::6/128 (Istio's sidecar) when the site runs Istio or Cloud Service Mesh with the gateway on "
            + "eks/gke/kubernetes; otherwise none (the header is stripped and local callers are unknown).",
    };

    /// <summary><c>--trust-lattice-from</c>.</summary>
    public Option<string?> TrustLatticeOption { get; } = new("--trust-lattice-from")
    {
        Description = "CIDR[,...] or 'none': the addresses VPC Lattice connects from (the region's com.amazonaws.<region>.vpc-lattice prefix list), "
            + "whose x-amzn-lattice-identity names the caller. Default: 169.254.171.0/24 on a vpc-lattice site; otherwise none (the header is stripped).",
    };

    /// <summary><c>--trust-local-trace-sampling</c>.</summary>
    public Option<bool> TrustLocalSamplingOption { get; } = new("--trust-local-trace-sampling")
    {
        Description = "Let any local caller's traceparent sampled flag decide sampling (default: only trusted XFCC hops; others get the manifest's rate).",
    };

    /// <summary><c>--local-max-connections</c>.</summary>
    public Option<long> LocalMaxConnectionsOption { get; } = new("--local-max-connections")
    {
        Description = "Connections the local listener keeps open at once.", DefaultValueFactory = _ => new ListenerLimits().LocalMaxConnections,
    };

    /// <summary><c>--peer-max-connections</c>.</summary>
    public Option<long> PeerMaxConnectionsOption { get; } = new("--peer-max-connections")
    {
        Description = "Connections the peer listener keeps open at once.", DefaultValueFactory = _ => new ListenerLimits().PeerMaxConnections,
    };

    /// <summary><c>--serve-local</c>.</summary>
    public Option<bool> ServeLocalOption { get; } = new("--serve-local") { Description = "Also serve targets running in this site from the local listener (no mesh in front, e.g. on-prem VMs)." };

    /// <summary><c>--log-format</c>.</summary>
    public Option<string> LogFormatOption { get; } = CliOptions.Choice("--log-format", "text or json (structured, one object per line).", "text", ["text", "json"]);

    /// <summary><c>--telemetry-endpoint</c>.</summary>
    public Option<string[]> TelemetryEndpointOption { get; } = new("--telemetry-endpoint")
    {
        Description = $"SINK=URL: send a telemetry sink's exports elsewhere (VPC endpoint, collector); repeatable. SINK: {string.Join(", ", TelemetryEndpoints.Sinks)} "
            + $"(xray-daemon=HOST:PORT, UDP; cloudwatch-agent=tcp://HOST:PORT or udp://HOST:PORT: CloudWatch metrics as EMF to the CloudWatch agent, also from {TelemetryEndpoints.AgentEndpointVariable}).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--export-interval</c>.</summary>
    public Option<string> ExportIntervalOption { get; } = new("--export-interval") { Description = "How often metrics are exported, e.g. 60s (at least 5s).", DefaultValueFactory = _ => "60s" };

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public GatewayCommand(CliOutput output)
        : base("gateway", "Run one site's east-west gateway (YARP + Kestrel, federation mTLS) until SIGTERM or Ctrl+C; then drain.")
    {
        Add(PathArgument);
        foreach (var option in new Option[]
        {
            SiteOption, TrustDirOption, PeerListenOption, LocalListenOption, AdminListenOption, ServeLocalOption, LogFormatOption, TelemetryEndpointOption,
            ExportIntervalOption, TrustXfccOption, TrustLatticeOption, TrustLocalSamplingOption, LocalMaxConnectionsOption, PeerMaxConnectionsOption,
        })
        {
            Add(option);
        }
        SetAction(CancellableAction.Of((parse, cancellationToken) =>
            Read(parse, output) is { } request ? RunAsync(request, output, cancellationToken) : Task.FromResult(ExitCodes.Usage)));
    }

    /// <summary>The request <paramref name="parse"/> holds, or null after printing why a value is not usable (a usage error).</summary>
    public GatewayRequest? Read(ParseResult parse, CliOutput output)
    {
        var intervalText = parse.GetValue(ExportIntervalOption)!;
        if (!DurationText.TryParse(intervalText, out var interval, out _) || interval < TimeSpan.FromSeconds(5))
        {
            output.Error.WriteLine($"meshfed: --export-interval '{intervalText}': a duration of at least 5s (Cloud Monitoring takes one point per series every 5 s), e.g. 10s or 1m");
            return null;
        }
        var (telemetry, error) = TelemetryEndpoints.Apply(new TelemetryOptions { ExportInterval = interval }, parse.GetValue(TelemetryEndpointOption) ?? [], Environment.GetEnvironmentVariable);
        if (telemetry is null)
        {
            output.Error.WriteLine($"meshfed: {error}");
            return null;
        }
        IReadOnlyList<IPNetwork>? xfccHops = null;
        if (parse.GetValue(TrustXfccOption) is { } hopsText && !ForwardedClientCertHops.TryParse(hopsText, out xfccHops, out var hopsError))
        {
            output.Error.WriteLine($"meshfed: --trust-xfcc-from: {hopsError}");
            return null;
        }
        IReadOnlyList<IPNetwork>? latticeSources = null;
        if (parse.GetValue(TrustLatticeOption) is { } latticeText && !ForwardedClientCertHops.TryParse(latticeText, out latticeSources, out var latticeError))
        {
            output.Error.WriteLine($"meshfed: --trust-lattice-from: {latticeError}");
            return null;
        }
        var (localCap, peerCap) = (parse.GetValue(LocalMaxConnectionsOption), parse.GetValue(PeerMaxConnectionsOption));
        if (localCap < 1 || peerCap < 1)
        {
            output.Error.WriteLine("meshfed: --local-max-connections and --peer-max-connections are at least 1");
            return null;
        }
        return new GatewayRequest
        {
            Path = parse.GetValue(PathArgument)!,
            Site = parse.GetValue(SiteOption)!,
            TrustDir = parse.GetValue(TrustDirOption)!,
            PeerListen = parse.GetValue(PeerListenOption),
            LocalListen = parse.GetValue(LocalListenOption)!,
            AdminListen = parse.GetValue(AdminListenOption)!,
            ServeLocal = parse.GetValue(ServeLocalOption),
            LogFormat = parse.GetValue(LogFormatOption)!,
            Telemetry = telemetry,
            TrustXfccFrom = xfccHops,
            TrustLatticeFrom = latticeSources,
            TrustLocalTraceSampling = parse.GetValue(TrustLocalSamplingOption),
            Limits = new ListenerLimits { LocalMaxConnections = localCap, PeerMaxConnections = peerCap },
        };
    }

    /// <summary>Runs the gateway; returns the exit code once stopped.</summary>
    public static async Task<int> RunAsync(GatewayRequest request, CliOutput output, CancellationToken cancellationToken = default)
    {
        var (path, siteName) = (request.Path, request.Site);
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        if (ManifestInput.FindSiteOrReport(mesh, siteName, output) is null)
            return ExitCodes.Usage;
        IPEndPoint? peer = null;
        if ((request.PeerListen is not null && !IPEndPoint.TryParse(request.PeerListen, out peer)) || !IPEndPoint.TryParse(request.LocalListen, out var local)
            || !IPEndPoint.TryParse(request.AdminListen, out var admin))
        {
            output.Error.WriteLine("meshfed: listen addresses are address:port, e.g. 0.0.0.0:15180 or [::]:15443");
            return ExitCodes.Usage;
        }
        using var loggers = LoggerFactory.Create(builder =>
        {
            if (request.LogFormat == "json")
                builder.AddJsonConsole(o => o.UseUtcTimestamp = true);
            else
                builder.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            builder.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning).NeverBlock();
        });
        TrustReloader trust;
        try
        {
            // Loads and checks the material as every reload will: this site's identity, valid now, issued by
            // the site's pinned intermediate. An unreadable file is a clear error here, not an unhandled exception.
            trust = new TrustReloader(request.TrustDir, new GatewayIdentity(mesh.TrustDomain, siteName), loggers.CreateLogger("meshfed.trust"));
        }
        catch (Exception e) when (e is TrustMaterialException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            output.Error.WriteLine($"meshfed: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        using var _ = trust;
        // Exporters to the manifest's sinks (CloudWatch, X-Ray, Cloud Monitoring, Cloud Trace, OTLP, local store).
        var site = mesh.FindSite(siteName)!;
        using var exporters = new TelemetryWiringHolder();
        using var telemetry = GatewayTelemetry.Create(mesh.Telemetry, (metrics, traces) =>
            exporters.Wiring = TelemetryPipeline.AddMeshFedExporters(metrics, traces, mesh, site, request.Telemetry with { Logs = loggers }));
        var telemetryLog = loggers.CreateLogger("meshfed.telemetry");
        foreach (var added in exporters.Wiring?.Added ?? [])
            telemetryLog.LogInformation("Telemetry: {Sink}", added);
        foreach (var skipped in exporters.Wiring?.Skipped ?? [])
            telemetryLog.LogWarning("Telemetry not exported: {Reason}", skipped);
        var settings = new GatewaySettings
        {
            Site = siteName, PeerListen = peer, LocalListen = local, AdminListen = admin, ServeLocalTargets = request.ServeLocal,
            TrustXfccFrom = request.TrustXfccFrom, TrustLatticeFrom = request.TrustLatticeFrom,
            // Deliveries into the site's Lattice services are signed with the task or pod role (SigV4, vpc-lattice-svcs).
            LatticeSigner = site.Mesh == MeshKind.VpcLattice ? MeshFed.Adapters.Aws.Lattice.LatticeSigningHandler.FromCredentialChain(site.Region!) : null,
            TrustLocalTraceSampling = request.TrustLocalTraceSampling, Limits = request.Limits,
        };
        GatewayHost host;
        try
        {
            host = await GatewayHost.StartAsync(new GatewayHostOptions
            {
                Mesh = mesh, ManifestPath = path, Settings = settings, Trust = trust, LoggerFactory = loggers, Telemetry = telemetry,
            }, cancellationToken);
        }
        catch (IOException e)
        {
            output.Error.WriteLine($"meshfed: cannot listen: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (GatewayStartException e)
        {
            output.Error.WriteLine($"meshfed: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error.WriteLine("meshfed: stopped (Ctrl+C or SIGTERM) before the gateway was listening");
            return ExitCodes.Cancelled;
        }
        await using (host)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or Ctrl+C: drain below.
            }
            using var drain = new CancellationTokenSource(settings.DrainTimeout);
            await host.StopAsync(drain.Token);
        }
        return ExitCodes.Success;
    }
}
