using MeshFed.Federation.Telemetry;

namespace MeshFed.Federation.Signals;

/// <summary>Reads golden signals from the local SQLite store.</summary>
/// <param name="store">The store.</param>
/// <param name="defaultBounds">Bounds for rows without latency data (the manifest's buckets, seconds).</param>
/// <param name="direction">Which gateway's measurements count (see <see cref="SignalAggregator"/>).</param>
public sealed class LocalSignalSource(LocalTelemetryStore store, IReadOnlyList<double> defaultBounds, string direction = "outbound") : ISignalSource
{
    /// <inheritdoc/>
    public string Description => $"local {store.Path}";

    /// <inheritdoc/>
    public Task<IReadOnlyList<SignalRow>> ReadAsync(string service, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Task.FromResult(SignalAggregator.Rows(store.ReadService(service, from, to), to - from, defaultBounds, direction));
}
