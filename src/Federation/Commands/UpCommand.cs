using System.CommandLine;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Telemetry;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Hosting;
using MeshFed.Model;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace MeshFed.Federation.Commands;

/// <summary>
/// <c>meshfed up [manifest]</c>: the whole federation on this machine, with no cloud account: a gateway
/// per site on loopback, demo workloads, trust generated on the fly, demo traffic, and a live table of
/// golden signals until Ctrl+C (or <c>--duration</c>).
/// </summary>
public sealed class UpCommand : Command
{
    /// <summary>The manifest file or folder, optional.</summary>
    public Argument<string?> PathArgument { get; } = new("path")
    {
        Description = $"A manifest file, or a folder whose *.yaml files form one manifest (edits reload live); default: the built-in demo, written to {DefaultManifest.RelativePath}.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary><c>--load</c>.</summary>
    public Option<double> LoadOption { get; } = new("--load") { Description = "Demo requests per second across all sites (0: none; send your own).", DefaultValueFactory = _ => new UpRequest().Load };

    /// <summary><c>--duration</c>.</summary>
    public Option<string?> DurationOption { get; } = new("--duration") { Description = "Stop after this long (e.g. 30s); default: until Ctrl+C." };

    /// <summary><c>--store</c>.</summary>
    public Option<string> StoreOption { get; } = new("--store")
    {
        Description = "The local telemetry store the golden signals go to (read it with 'meshfed signals compare').", DefaultValueFactory = _ => LocalTelemetryStore.DefaultPath,
    };

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public UpCommand(CliOutput output)
        : base("up", "Run the whole federation on this machine: gateways, demo workloads, trust, traffic, live golden signals.")
    {
        Add(PathArgument);
        Add(LoadOption);
        Add(DurationOption);
        Add(StoreOption);
        SetAction(CancellableAction.Of((parse, cancellationToken) =>
            Read(parse, output) is { } request ? RunAsync(request, output, cancellationToken) : Task.FromResult(ExitCodes.Usage)));
    }

    /// <summary>The request <paramref name="parse"/> holds, or null after printing why a value is not usable (a usage error).</summary>
    public UpRequest? Read(ParseResult parse, CliOutput output)
    {
        TimeSpan? duration = null;
        if (parse.GetValue(DurationOption) is { } durationText)
        {
            if (!DurationText.TryParse(durationText, out var parsed, out _) || parsed <= TimeSpan.Zero)
            {
                output.Error.WriteLine($"meshfed: --duration '{durationText}' is not a duration like 30s or 5m");
                return null;
            }
            duration = parsed;
        }
        var load = parse.GetValue(LoadOption);
        if (load < 0)
        {
            output.Error.WriteLine("meshfed: --load must be 0 or more requests per second");
            return null;
        }
        return new UpRequest { Path = parse.GetValue(PathArgument), Load = load, Duration = duration, Store = parse.GetValue(StoreOption)! };
    }

    /// <summary>Runs until cancelled or the duration is over; returns the exit code.</summary>
    public static async Task<int> RunAsync(UpRequest request, CliOutput output, CancellationToken cancellationToken = default)
    {
        var (givenPath, load, duration, storePath) = (request.Path, request.Load, request.Duration, request.Store);
        var path = givenPath ?? DefaultManifest.Materialise();
        if (givenPath is null)
            output.Out.WriteLine($"meshfed up: no manifest given: the built-in demo federation, written to {Path.GetRelativePath(Environment.CurrentDirectory, path)} (edit it to reload live).");
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Error)
            .AddFilter("Yarp", LogLevel.Error).NeverBlock()); // failed requests show in the table; a line each would bury it
        // No cloud account here: metrics and spans go to the local store only, exported every 5 s so that
        // 'meshfed signals compare' has numbers while the demo runs.
        var local = mesh with { Telemetry = mesh.Telemetry with { Metrics = [MetricsSink.Local], Traces = [TraceSink.Local] } };
        using var exporters = new TelemetryWiringHolder();
        using var telemetry = GatewayTelemetry.Create(local.Telemetry, (metrics, traces) => exporters.Wiring = TelemetryPipeline.AddMeshFedExporters(
            metrics, traces, local, local.Sites[0], new TelemetryOptions { StorePath = storePath, ExportInterval = TimeSpan.FromSeconds(5), Instance = "meshfed-up", Logs = loggers }));
        using var issuer = new DemoIssuer();
        using var signals = new SignalWindow();
        LocalFederation started;
        try
        {
            started = await LocalFederation.StartAsync(mesh, new LocalFederationOptions
            {
                ManifestPath = path,
                Telemetry = telemetry,
                JwksHandler = issuer.JwksHandler,
                // The demo callers send XFCC from loopback, standing in for the mesh's sidecar; a real gateway trusts
                // only its sidecar's address (docs/security.md).
                TrustXfccFrom = LocalFederationOptions.LoopbackCallers,
                TimeProvider = request.Time,
            }, loggers, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // What had started is stopped by StartAsync itself.
            output.Out.WriteLine("Stopped (Ctrl+C) before every gateway and workload was up.");
            return ExitCodes.Cancelled;
        }
        await using var federation = started;

        WriteBanner(federation, path, load, output);
        output.Out.WriteLine($"  telemetry: {string.Join("; ", exporters.Wiring?.Added ?? [])} (cloud sinks are off in up); compare with: meshfed signals compare <service> --manifest {path} --store {storePath}");
        output.Out.WriteLine();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } d)
            stop.CancelAfter(d);
        var traffic = new DemoTraffic(federation, issuer);
        var sending = traffic.RunAsync(load, stop.Token);
        var interactive = ReferenceEquals(output, CliOutput.Console) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (interactive)
            await LiveTableAsync(signals, traffic, stop.Token);
        else
            await PeriodicTableAsync(signals, output, stop.Token);
        await sending;

        output.Out.WriteLine();
        output.Out.WriteLine($"Golden signals of the last 10 s ({traffic.Sent} demo requests sent, {traffic.Failed} without an answer):");
        SignalTableText.Write(signals.Snapshot(), output.Out);
        foreach (var (site, lattice) in federation.Lattice)
            output.Out.WriteLine($"VPC Lattice on {site}: {lattice.Verified} SigV4-signed deliveries verified and admitted, {lattice.Refused} refused");
        output.Out.WriteLine("Stopping: gateways drain, workloads stop.");
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await federation.StopAsync(drain.Token);
        output.Out.WriteLine("Stopped.");
        return ExitCodes.Success;
    }

    private static void WriteBanner(LocalFederation federation, string path, double load, CliOutput output)
    {
        var mesh = federation.Mesh;
        output.Out.WriteLine($"meshfed up: mesh '{mesh.Name}' from {path}: {mesh.Sites.Count} sites, {mesh.Services.Count} services, trust domain {mesh.TrustDomain}");
        foreach (var (site, gateway) in federation.Gateways)
            output.Out.WriteLine($"  site {site,-14} gateway peer https://{gateway.PeerEndpoint} (mTLS)  local http://{gateway.LocalEndpoint}  admin http://{gateway.AdminEndpoint}/metrics");
        output.Out.WriteLine($"  {federation.Workloads.Count} demo workloads; trust (root, an intermediate per site, SVIDs) in {federation.TrustFolder}");
        foreach (var (site, lattice) in federation.Lattice)
            output.Out.WriteLine($"  site {site,-14} VPC Lattice stand-in {lattice.Http1} (HTTP) {lattice.Http2} (h2c): the gateway's deliveries are SigV4-verified there; callers there send x-amzn-lattice-identity");
        var first = federation.Gateways.First();
        // A service the gateway routes (an HTTP or gRPC port; TCP-only services do not cross the gateway yet).
        var service = mesh.Services.FirstOrDefault(s => s.IsVisibleFrom(first.Key) && s.Ports.Any(p => p.IsRequestAware));
        if (service is not null)
            output.Out.WriteLine($"  try: curl -H 'Host: {(service.Namespace == "default" ? service.Name : $"{service.Name}.{service.Namespace}")}' http://{first.Value.LocalEndpoint}/");
        output.Out.WriteLine(load > 0 ? $"  demo traffic: {load:0.#} requests/s; edit the manifest to reload live; Ctrl+C stops." : "  no demo traffic (--load 0); Ctrl+C stops.");
    }

    private static async Task PeriodicTableAsync(SignalWindow signals, CliOutput output, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                output.Out.WriteLine($"{DateTime.Now:HH:mm:ss} golden signals (last 10 s):");
                SignalTableText.Write(signals.Snapshot(), output.Out);
                output.Out.WriteLine();
            }
        }
        catch (OperationCanceledException)
        {
            // stop requested
        }
    }

    private static async Task LiveTableAsync(SignalWindow signals, DemoTraffic traffic, CancellationToken cancellationToken)
    {
        await AnsiConsole.Live(Render(signals, traffic)).StartAsync(async live =>
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(1000, cancellationToken);
                    live.UpdateTarget(Render(signals, traffic));
                }
            }
            catch (OperationCanceledException)
            {
                // stop requested
            }
        });
    }

    private static Table Render(SignalWindow signals, DemoTraffic traffic)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"golden signals, last 10 s — {traffic.Sent} demo requests sent — Ctrl+C to stop");
        foreach (var (heading, i) in SignalTableText.Headings.Select((h, i) => (h, i)))
            table.AddColumn(i < 3 ? new TableColumn(heading) : new TableColumn(heading).RightAligned());
        foreach (var row in signals.Snapshot())
        {
            var cells = SignalTableText.Cells(row).Select(Markup.Escape).ToArray();
            if (row.ErrorRate > 0.01)
                cells[4] = $"[red]{cells[4]}[/]";
            table.AddRow(cells);
        }
        return table;
    }
}
