using MeshFed.Federation.Cli;
using MeshFed.Federation.Telemetry;

namespace MeshFed.Federation.Signals.Sources;

/// <summary><c>--source local</c>: the SQLite store the gateways and <c>meshfed up</c> write when telemetry goes to <c>local</c>.</summary>
internal sealed class LocalSignalSourceProvider : ISignalSourceProvider
{
    /// <inheritdoc/>
    public string Name => "local";

    /// <inheritdoc/>
    public string Description => "the embedded store";

    /// <inheritdoc/>
    public SignalSourceOpening Open(SignalSourceContext context)
    {
        if (!File.Exists(context.Store))
        {
            return SignalSourceOpening.Refused(
                $"no local store at '{context.Store}' (the gateway and 'meshfed up' write it when telemetry goes to 'local'); use --store PATH", ExitCodes.InvalidInput);
        }
        var store = new LocalTelemetryStore(context.Store);
        return SignalSourceOpening.Opened(new LocalSignalSource(store, context.Bounds, context.Direction), store);
    }
}
