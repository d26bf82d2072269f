using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Telemetry;
using MeshFed.Federation.Cli;
using MeshFed.Model;

namespace MeshFed.Federation.Signals.Sources;

/// <summary><c>--source cloudwatch</c>: what the CloudWatch exporter wrote, in the region of the manifest's first AWS site.</summary>
internal sealed class CloudWatchSignalSourceProvider : ISignalSourceProvider
{
    /// <inheritdoc/>
    public string Name => "cloudwatch";

    /// <inheritdoc/>
    public string Description => "the CloudWatch exporter's metrics, in the region of the manifest's first AWS site";

    /// <inheritdoc/>
    public SignalSourceOpening Open(SignalSourceContext context)
    {
        var region = context.Mesh?.Sites.FirstOrDefault(s => s.Provider == CloudProvider.Aws && s.Region is not null)?.Region;
        if (region is null)
            return SignalSourceOpening.Refused("--source cloudwatch needs --manifest with an AWS site that names its region", ExitCodes.Usage);
        if (!EndpointOverride.TryParse(context.Endpoint, out var endpoint, out var refused))
            return refused;
        var reader = new CloudWatchReader(context.Http, context.AwsCredentials ?? AwsCredentialChain.Resolve, region, endpoint);
        return SignalSourceOpening.Opened(new CloudWatchSignalSource(reader, context.Bounds, direction: context.Direction));
    }
}
