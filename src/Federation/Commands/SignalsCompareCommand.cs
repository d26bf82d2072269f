using System.CommandLine;
using System.Text.Json;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Federation.Signals;
using MeshFed.Federation.Signals.Sources;
using MeshFed.Federation.Telemetry;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Commands;

/// <summary>
/// <c>meshfed signals compare &lt;service&gt;</c>: reads one service's golden signals back from the source chosen by
/// name from <see cref="SignalSources"/> (the local store, CloudWatch or Cloud Monitoring) and prints, per site and
/// version, traffic, errors, latency percentiles and saturation, the differences from the busiest row, and chi-square
/// verdicts on whether they differ; <c>--html</c> writes the same as a self-contained page with SVG charts.
/// </summary>
public sealed class SignalsCompareCommand : Command
{
    /// <summary>The service.</summary>
    public Argument<string> ServiceArgument { get; } = new("service") { Description = "The service whose golden signals to compare." };

    /// <summary><c>--manifest</c>.</summary>
    public Option<string?> ManifestOption { get; } = new("--manifest") { Description = "The manifest (file or folder): sites' clouds, latency buckets, the GCP project." };

    /// <summary><c>--window</c>.</summary>
    public Option<string> WindowOption { get; } = new("--window") { Description = "How far back to look (e.g. 15m, 1h).", DefaultValueFactory = _ => "15m" };

    /// <summary><c>--source</c>: a name from <see cref="SignalSources"/>.</summary>
    public Option<string> SourceOption { get; } = CliOptions.Choice("--source", SignalSources.SourceHelp(), SignalSources.Default.Name, SignalSources.Names);

    /// <summary><c>--store</c>.</summary>
    public Option<string> StoreOption { get; } = new("--store") { Description = "The local store's file.", DefaultValueFactory = _ => LocalTelemetryStore.DefaultPath };

    /// <summary><c>--html</c>.</summary>
    public Option<string?> HtmlOption { get; } = new("--html") { Description = "Also write the comparison as a self-contained HTML page with charts." };

    /// <summary><c>--direction</c>.</summary>
    public Option<string> DirectionOption { get; } = CliOptions.Choice("--direction",
        "Whose measurements: outbound (the caller's gateway: the latency callers see) or inbound (the serving site's gateway).", "outbound", ["outbound", "inbound"]);

    /// <summary><c>--endpoint-url</c>.</summary>
    public Option<string?> EndpointOption { get; } = new("--endpoint-url") { Description = "Overrides the CloudWatch or Cloud Monitoring endpoint." };

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public SignalsCompareCommand(CliOutput output)
        : base("compare", "Compare a service's golden signals (traffic, errors, latency, saturation) across sites and clouds, with a statistical verdict.")
    {
        Add(ServiceArgument);
        Add(ManifestOption);
        Add(WindowOption);
        Add(SourceOption);
        Add(StoreOption);
        Add(HtmlOption);
        Add(DirectionOption);
        Add(EndpointOption);
        SetAction(CancellableAction.Of((parse, cancellationToken) => RunAsync(Read(parse), output, cancellationToken)));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public SignalsRequest Read(ParseResult parse) => new()
    {
        Service = parse.GetValue(ServiceArgument)!,
        Manifest = parse.GetValue(ManifestOption),
        Window = parse.GetValue(WindowOption)!,
        Source = parse.GetValue(SourceOption)!,
        Store = parse.GetValue(StoreOption)!,
        Html = parse.GetValue(HtmlOption),
        Direction = parse.GetValue(DirectionOption)!,
        Endpoint = parse.GetValue(EndpointOption),
    };

    /// <summary>Compares; returns the exit code. <paramref name="now"/>, <paramref name="accessToken"/> and <paramref name="awsCredentials"/> stand in for the clock and the clouds' credentials in tests.</summary>
    public static async Task<int> RunAsync(SignalsRequest request, CliOutput output, CancellationToken cancellationToken = default, DateTimeOffset? now = null,
        Func<CancellationToken, Task<string>>? accessToken = null, Func<AwsCredentials>? awsCredentials = null)
    {
        if (!DurationText.TryParse(request.Window, out var window, out var error) || window <= TimeSpan.Zero)
        {
            output.Error.WriteLine($"meshfed: --window '{request.Window}': {error ?? "must be positive"}");
            return ExitCodes.Usage;
        }
        if (SignalSources.Find(request.Source) is not { } provider)
        {
            output.Error.WriteLine($"meshfed: --source '{request.Source}' is not a signal source; sources: {string.Join(", ", SignalSources.Names)}");
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

        using var http = new HttpClient();
        using var opening = provider.Open(new SignalSourceContext
        {
            Mesh = mesh, Bounds = bounds, Direction = request.Direction, Endpoint = request.Endpoint, Store = request.Store, Http = http,
            AccessToken = accessToken, AwsCredentials = awsCredentials,
        });
        if (opening.Source is not { } source)
        {
            output.Error.WriteLine($"meshfed: {opening.Error}");
            return opening.ExitCode;
        }
        IReadOnlyList<SignalRow> rows;
        try
        {
            rows = await source.ReadAsync(request.Service, from, to, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The cloud API refused, did not answer (HttpClient's timeout is a TaskCanceledException) or answered garbage.
            output.Error.WriteLine($"meshfed: {e.Message}");
            return ExitCodes.RemoteFailed;
        }
        catch (InvalidOperationException e)
        {
            // No credentials where the chain looks: the user's setup, said with what to do.
            output.Error.WriteLine($"meshfed: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error.WriteLine($"meshfed: signals compare stopped (Ctrl+C) while reading {source.Description}");
            return ExitCodes.Cancelled;
        }
        if (mesh is not null)
            rows = [.. rows.Select(r => r with { Cloud = mesh.FindSite(r.Site) is { } site ? WireNames<CloudProvider>.Of(site.Provider) : "" })];

        var comparison = SignalComparison.Of(request.Service, from, to, $"{source.Description}, {request.Direction}", rows);
        SignalsTable.Write(comparison, output.Out);
        if (request.Html is { } html)
        {
            await File.WriteAllTextAsync(html, SignalsHtml.Render(comparison), cancellationToken);
            output.Out.WriteLine($"wrote {html}");
        }
        return ExitCodes.Success;
    }
}
