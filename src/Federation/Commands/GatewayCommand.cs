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
public static class GatewayCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliOutput output)
    {
        var path = new Argument<string>("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest (watched: changes reload)." };
        var site = new Option<string>("--site") { Description = "The site this gateway serves.", Required = true };
        var trustDir = new Option<string>("--trust-dir") { Description = "Folder with bundle.pem, gateway.crt and gateway.key (watched: rotations reload).", Required = true };
        var peer = new Option<string?>("--peer-listen") { Description = "Peer listener address:port (default 0.0.0.0:<the site's gateway port>)." };
        var local = new Option<string>("--local-listen") { Description = "Local listener address:port.", DefaultValueFactory = _ => $"0.0.0.0:{DataPath.LocalListenerPort}" };
        var admin = new Option<string>("--admin-listen") { Description = "Admin listener address:port (/healthz, /readyz, /metrics); loopback unless probes come from the network (then the pod or task address, or 0.0.0.0).", DefaultValueFactory = _ => $"127.0.0.1:{DataPath.AdminPort}" };
        var trustXfcc = new Option<string?>("--trust-xfcc-from")
        {
            Description = "ADDR|CIDR[,...] or 'none': the hops whose x-forwarded-client-cert names the caller (the site mesh's sidecar). "
                + "Default from the manifest: 127.0.0.6/32 and ::6/128 (Istio's sidecar) when the site runs Istio or Cloud Service Mesh with the gateway on "
                + "eks/gke/kubernetes; otherwise none (the header is stripped and local callers are unknown).",
        };
        var trustLattice = new Option<string?>("--trust-lattice-from")
        {
            Description = "CIDR[,...] or 'none': the addresses VPC Lattice connects from (the region's com.amazonaws.<region>.vpc-lattice prefix list), "
                + "whose x-amzn-lattice-identity names the caller. Default: 169.254.171.0/24 on a vpc-lattice site; otherwise none (the header is stripped).",
        };
        var trustLocalSampling = new Option<bool>("--trust-local-trace-sampling") { Description = "Let any local caller's traceparent sampled flag decide sampling (default: only trusted XFCC hops; others get the manifest's rate)." };
        var localMaxConnections = new Option<long>("--local-max-connections") { Description = "Connections the local listener keeps open at once.", DefaultValueFactory = _ => new ListenerLimits().LocalMaxConnections };
        var peerMaxConnections = new Option<long>("--peer-max-connections") { Description = "Connections the peer listener keeps open at once.", DefaultValueFactory = _ => new ListenerLimits().PeerMaxConnections };
        var serveLocal = new Option<bool>("--serve-local") { Description = "Also serve targets running in this site from the local listener (no mesh in front, e.g. on-prem VMs)." };
        var logFormat = new Option<string>("--log-format") { Description = "text or json (structured, one object per line).", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var endpoints = new Option<string[]>("--telemetry-endpoint")
        {
            Description = $"SINK=URL: send a telemetry sink's exports elsewhere (VPC endpoint, collector); repeatable. SINK: {string.Join(", ", TelemetryEndpoints.Sinks)} "
                + $"(xray-daemon=HOST:PORT, UDP; cloudwatch-agent=tcp://HOST:PORT or udp://HOST:PORT: CloudWatch metrics as EMF to the CloudWatch agent, also from {TelemetryEndpoints.AgentEndpointVariable}).",
            AllowMultipleArgumentsPerToken = false,
        };
        var exportInterval = new Option<string>("--export-interval") { Description = "How often metrics are exported, e.g. 60s (at least 5s).", DefaultValueFactory = _ => "60s" };
        var command = new Command("gateway", "Run one site's east-west gateway (YARP + Kestrel, federation mTLS) until SIGTERM or Ctrl+C; then drain.")
        {
            path, site, trustDir, peer, local, admin, serveLocal, logFormat, endpoints, exportInterval,
            trustXfcc, trustLattice, trustLocalSampling, localMaxConnections, peerMaxConnections,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var intervalText = parse.GetValue(exportInterval)!;
            if (!DurationText.TryParse(intervalText, out var interval, out _) || interval < TimeSpan.FromSeconds(5))
            {
                output.Error.WriteLine($"meshfed: --export-interval '{intervalText}': a duration of at least 5s (Cloud Monitoring takes one point per series every 5 s), e.g. 10s or 1m");
                return Task.FromResult(ExitCodes.Usage);
            }
            var (telemetryOptions, error) = TelemetryEndpoints.Apply(new TelemetryOptions { ExportInterval = interval }, parse.GetValue(endpoints) ?? [], Environment.GetEnvironmentVariable);
            if (telemetryOptions is null)
            {
                output.Error.WriteLine($"meshfed: {error}");
                return Task.FromResult(ExitCodes.Usage);
            }
            IReadOnlyList<System.Net.IPNetwork>? xfccHops = null;
            if (parse.GetValue(trustXfcc) is { } hopsText && !ForwardedClientCertHops.TryParse(hopsText, out xfccHops, out var hopsError))
            {
                output.Error.WriteLine($"meshfed: --trust-xfcc-from: {hopsError}");
                return Task.FromResult(ExitCodes.Usage);
            }
            IReadOnlyList<System.Net.IPNetwork>? latticeSources = null;
            if (parse.GetValue(trustLattice) is { } latticeText && !ForwardedClientCertHops.TryParse(latticeText, out latticeSources, out var latticeError))
            {
                output.Error.WriteLine($"meshfed: --trust-lattice-from: {latticeError}");
                return Task.FromResult(ExitCodes.Usage);
            }
            var (localCap, peerCap) = (parse.GetValue(localMaxConnections), parse.GetValue(peerMaxConnections));
            if (localCap < 1 || peerCap < 1)
            {
                output.Error.WriteLine("meshfed: --local-max-connections and --peer-max-connections are at least 1");
                return Task.FromResult(ExitCodes.Usage);
            }
            var requestPolicy = new GatewayRequestPolicy
            {
                TrustXfccFrom = xfccHops,
                TrustLatticeFrom = latticeSources,
                TrustLocalTraceSampling = parse.GetValue(trustLocalSampling),
                Limits = new ListenerLimits { LocalMaxConnections = localCap, PeerMaxConnections = peerCap },
            };
            return RunAsync(parse.GetValue(path)!, parse.GetValue(site)!, parse.GetValue(trustDir)!, parse.GetValue(peer), parse.GetValue(local)!,
                parse.GetValue(admin)!, parse.GetValue(serveLocal), parse.GetValue(logFormat)!, output, cancellationToken, telemetryOptions, requestPolicy);
        });
        return command;
    }

    /// <summary>Runs the gateway; returns the exit code once stopped.</summary>
    public static async Task<int> RunAsync(string path, string siteName, string trustDir, string? peerListen, string localListen, string adminListen,
        bool serveLocal, string logFormat, CliOutput output, CancellationToken cancellationToken, TelemetryOptions? telemetryOptions = null,
        GatewayRequestPolicy? requestPolicy = null)
    {
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        if (ManifestInput.FindSiteOrReport(mesh, siteName, output) is null)
            return ExitCodes.Usage;
        IPEndPoint? peer = null;
        if ((peerListen is not null && !IPEndPoint.TryParse(peerListen, out peer)) || !IPEndPoint.TryParse(localListen, out var local) || !IPEndPoint.TryParse(adminListen, out var admin))
        {
            output.Error.WriteLine("meshfed: listen addresses are address:port, e.g. 0.0.0.0:15180 or [::]:15443");
            return ExitCodes.Usage;
        }
        using var loggers = LoggerFactory.Create(builder =>
        {
            if (logFormat == "json")
                builder.AddJsonConsole(o => o.UseUtcTimestamp = true);
            else
                builder.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            builder.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning);
        });
        TrustReloader trust;
        try
        {
            // Loads and checks the material as every reload will: this site's identity, valid now, issued by
            // the site's pinned intermediate. An unreadable file is a clear error here, not an unhandled exception.
            trust = new TrustReloader(trustDir, new GatewayIdentity(mesh.TrustDomain, siteName), loggers.CreateLogger("meshfed.trust"));
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
            exporters.Wiring = TelemetryPipeline.AddMeshFedExporters(metrics, traces, mesh, site, (telemetryOptions ?? new TelemetryOptions()) with { Logs = loggers }));
        var telemetryLog = loggers.CreateLogger("meshfed.telemetry");
        foreach (var added in exporters.Wiring?.Added ?? [])
            telemetryLog.LogInformation("Telemetry: {Sink}", added);
        foreach (var skipped in exporters.Wiring?.Skipped ?? [])
            telemetryLog.LogWarning("Telemetry not exported: {Reason}", skipped);
        requestPolicy ??= new GatewayRequestPolicy();
        var settings = new GatewaySettings
        {
            Site = siteName, PeerListen = peer, LocalListen = local, AdminListen = admin, ServeLocalTargets = serveLocal,
            TrustXfccFrom = requestPolicy.TrustXfccFrom, TrustLatticeFrom = requestPolicy.TrustLatticeFrom,
            // Deliveries into the site's Lattice services are signed with the task or pod role (SigV4, vpc-lattice-svcs).
            LatticeSigner = site.Mesh == MeshKind.VpcLattice ? MeshFed.Adapters.Aws.Lattice.LatticeSigningHandler.FromCredentialChain(site.Region!) : null,
            TrustLocalTraceSampling = requestPolicy.TrustLocalTraceSampling, Limits = requestPolicy.Limits,
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
