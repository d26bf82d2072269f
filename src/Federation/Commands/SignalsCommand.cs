using System.CommandLine;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Federation.Signals;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Commands;

/// <summary>
/// <c>meshfed signals compare &lt;service&gt;</c>: reads one service's golden signals back (the local store,
/// CloudWatch or Cloud Monitoring) and prints, per site and version, traffic, errors, latency percentiles and saturation, the
/// differences from the busiest row, and chi-square verdicts on whether they differ; <c>--html</c> writes the same
/// as a self-contained page with SVG charts.
/// </summary>
public static class SignalsCommand
{
    /// <summary>The service.</summary>
    public static Argument<string> ServiceArgument { get; } = new("service") { Description = "The service whose golden signals to compare." };

    /// <summary><c>--manifest</c>.</summary>
    public static Option<string?> ManifestOption { get; } = new("--manifest") { Description = "The manifest (file or folder): sites' clouds, latency buckets, the GCP project." };

    /// <summary><c>--window</c>.</summary>
    public static Option<string> WindowOption { get; } = new("--window") { Description = "How far back to look (e.g. 15m, 1h).", DefaultValueFactory = _ => "15m" };

    /// <summary><c>--source</c>.</summary>
    public static Option<string> SourceOption { get; } = Choice("--source", "Where to read: local (the embedded store), cloudwatch or cloud-monitoring.", "local", ["local", "cloudwatch", "cloud-monitoring"]);

    /// <summary><c>--store</c>.</summary>
    public static Option<string> StoreOption { get; } = new("--store") { Description = "The local store's file.", DefaultValueFactory = _ => LocalTelemetryStore.DefaultPath };

    /// <summary><c>--html</c>.</summary>
    public static Option<string?> HtmlOption { get; } = new("--html") { Description = "Also write the comparison as a self-contained HTML page with charts." };

    /// <summary><c>--direction</c>.</summary>
    public static Option<string> DirectionOption { get; } = Choice("--direction",
        "Whose measurements: outbound (the caller's gateway: the latency callers see) or inbound (the serving site's gateway).", "outbound", ["outbound", "inbound"]);

    /// <summary><c>--endpoint-url</c>.</summary>
    public static Option<string?> EndpointOption { get; } = new("--endpoint-url") { Description = "Overrides the CloudWatch or Cloud Monitoring endpoint." };

    /// <summary>Creates <c>signals</c> with its <c>compare</c> subcommand.</summary>
    public static Command Create(CliOutput output)
    {
        var compare = new Command("compare", "Compare a service's golden signals (traffic, errors, latency, saturation) across sites and clouds, with a statistical verdict.")
        {
            ServiceArgument, ManifestOption, WindowOption, SourceOption, StoreOption, HtmlOption, DirectionOption, EndpointOption,
        };
        compare.SetAction((parse, token) => RunAsync(new SignalsRequest
        {
            Service = parse.GetValue(ServiceArgument)!,
            Manifest = parse.GetValue(ManifestOption),
            Window = parse.GetValue(WindowOption)!,
            Source = parse.GetValue(SourceOption)!,
            Store = parse.GetValue(StoreOption)!,
            Html = parse.GetValue(HtmlOption),
            Direction = parse.GetValue(DirectionOption)!,
            Endpoint = parse.GetValue(EndpointOption),
        }, output, token));
        return new Command("signals", "Read back and compare golden signals.") { compare };
    }

    /// <summary>Compares; returns the exit code.</summary>
    public static async Task<int> RunAsync(SignalsRequest request, CliOutput output, CancellationToken cancellationToken = default, DateTimeOffset? now = null,
        Func<CancellationToken, Task<string>>? accessToken = null, Func<AwsCredentials>? awsCredentials = null)
    {
        if (!DurationText.TryParse(request.Window, out var window, out var error) || window <= TimeSpan.Zero)
        {
            output.Error.WriteLine($"meshfed: --window '{request.Window}': {error ?? "must be positive"}");
            return ExitCodes.Usage;
        }
        FederatedMesh? mesh = null;
        if (request.Manifest is { } manifest)
        {
            var loaded = ManifestLoader.Load(manifest);
            if (loaded.Mesh is null)
            {
                ValidationReport.WriteText(manifest, loaded, output.Out);
                return ExitCodes.InvalidInput;
            }
            mesh = loaded.Mesh;
            if (mesh.FindService(request.Service) is null)
            {
                output.Error.WriteLine($"meshfed: service '{request.Service}' is not in mesh '{mesh.Name}'");
                return ExitCodes.Usage;
            }
        }
        var bounds = (mesh?.Telemetry ?? TelemetrySettings.Default).LatencyBuckets.Select(b => b.TotalSeconds).ToArray();
        var to = now ?? DateTimeOffset.UtcNow;
        var from = to - window;

        IReadOnlyList<SignalRow> rows;
        string description;
        if (request.Source == "cloudwatch")
        {
            var region = mesh?.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Aws && s.Region is not null)?.Region;
            if (region is null)
            {
                output.Error.WriteLine("meshfed: --source cloudwatch needs --manifest with an AWS site that names its region");
                return ExitCodes.Usage;
            }
            using var http = new HttpClient();
            var source = new CloudWatchSignalSource(new CloudWatchReader(http, awsCredentials ?? AwsCredentialChain.Resolve, region,
                request.Endpoint is null ? null : new Uri(request.Endpoint)), bounds, direction: request.Direction);
            try
            {
                rows = await source.ReadAsync(request.Service, from, to, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                output.Error.WriteLine($"meshfed: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            description = source.Description;
        }
        else if (request.Source == "cloud-monitoring")
        {
            var project = mesh?.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Gcp && s.Project is not null)?.Project;
            if (project is null)
            {
                output.Error.WriteLine("meshfed: --source cloud-monitoring needs --manifest with a GCP site that names its project");
                return ExitCodes.Usage;
            }
            using var http = new HttpClient();
            var source = new CloudMonitoringSignalSource(http, new Uri(request.Endpoint ?? "https://monitoring.googleapis.com"), project,
                accessToken ?? GoogleAccessTokens.ApplicationDefault(GoogleAccessTokens.MonitoringScope), bounds, direction: request.Direction);
            try
            {
                rows = await source.ReadAsync(request.Service, from, to, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                output.Error.WriteLine($"meshfed: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            description = source.Description;
        }
        else
        {
            if (!File.Exists(request.Store))
            {
                output.Error.WriteLine($"meshfed: no local store at '{request.Store}' (the gateway and 'meshfed up' write it when telemetry goes to 'local'); use --store PATH");
                return ExitCodes.InvalidInput;
            }
            using var store = new LocalTelemetryStore(request.Store);
            var source = new LocalSignalSource(store, bounds, request.Direction);
            rows = await source.ReadAsync(request.Service, from, to, cancellationToken);
            description = source.Description;
        }
        if (mesh is not null)
            rows = [.. rows.Select(r => r with { Cloud = mesh.FindSite(r.Site) is { } site ? WireNames<CloudProvider>.Of(site.Provider) : "" })];

        var comparison = SignalComparison.Of(request.Service, from, to, $"{description}, {request.Direction}", rows);
        SignalsTable.Write(comparison, output.Out);
        if (request.Html is { } html)
        {
            await File.WriteAllTextAsync(html, SignalsHtml.Render(comparison), cancellationToken);
            output.Out.WriteLine($"wrote {html}");
        }
        return ExitCodes.Success;
    }

    private static Option<string> Choice(string name, string description, string defaultValue, string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}

/// <summary>The parsed <c>signals compare</c> command line.</summary>
public sealed record SignalsRequest
{
    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The manifest, or null.</summary>
    public string? Manifest { get; init; }

    /// <summary>The window, as written (<c>15m</c>).</summary>
    public string Window { get; init; } = "15m";

    /// <summary><c>local</c>, <c>cloudwatch</c> or <c>cloud-monitoring</c>.</summary>
    public string Source { get; init; } = "local";

    /// <summary>The local store's file.</summary>
    public string Store { get; init; } = LocalTelemetryStore.DefaultPath;

    /// <summary>Where to write the HTML page, or null.</summary>
    public string? Html { get; init; }

    /// <summary><c>outbound</c> or <c>inbound</c>.</summary>
    public string Direction { get; init; } = "outbound";

    /// <summary>Endpoint override for cloud sources.</summary>
    public string? Endpoint { get; init; }
}
