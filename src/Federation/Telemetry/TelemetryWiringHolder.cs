namespace MeshFed.Federation.Telemetry;

/// <summary>
/// Keeps the <see cref="TelemetryWiring"/> a provider-building callback produced, and disposes it (the local
/// store) when the host is done. Declare it before the providers so it is disposed after them: the providers
/// flush their last points into the store on dispose.
/// </summary>
public sealed class TelemetryWiringHolder : IDisposable
{
    /// <summary>The wiring, once the callback ran.</summary>
    public TelemetryWiring? Wiring { get; set; }

    /// <inheritdoc />
    public void Dispose() => Wiring?.Dispose();
}
