using MeshFed.Adapters.Gcp.Telemetry;
using MeshFed.Federation.Cli;
using MeshFed.Model;

namespace MeshFed.Federation.Signals.Sources;

/// <summary><c>--source cloud-monitoring</c>: what the Cloud Monitoring exporter wrote, in the manifest's first GCP project.</summary>
internal sealed class CloudMonitoringSignalSourceProvider : ISignalSourceProvider
{
    /// <inheritdoc/>
    public string Name => "cloud-monitoring";

    /// <inheritdoc/>
    public string Description => "the Cloud Monitoring exporter's metrics, in the project of the manifest's first GCP site";

    /// <inheritdoc/>
    public SignalSourceOpening Open(SignalSourceContext context)
    {
        var project = context.Mesh?.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Gcp && s.Project is not null)?.Project;
        if (project is null)
            return SignalSourceOpening.Refused("--source cloud-monitoring needs --manifest with a GCP site that names its project", ExitCodes.Usage);
        if (!EndpointOverride.TryParse(context.Endpoint, out var endpoint, out var refused))
            return refused;
        // The exporter's defaults name the API and the metric prefix, so reading and writing cannot drift apart.
        var reader = new CloudMonitoringReader(context.Http, endpoint ?? new CloudMonitoringExporterOptions().Endpoint, project,
            context.AccessToken ?? GoogleAccessTokens.ApplicationDefault(GoogleAccessTokens.MonitoringScope));
        return SignalSourceOpening.Opened(new CloudMonitoringSignalSource(reader, context.Bounds, direction: context.Direction));
    }
}
