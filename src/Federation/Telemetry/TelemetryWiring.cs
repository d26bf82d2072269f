namespace MeshFed.Federation.Telemetry;

/// <summary>
/// What <see cref="TelemetryPipeline.AddMeshFedExporters"/> set up: the sinks added (with where they send) and
/// those skipped with the reason, for the host to log. Owns the local store: dispose it after the providers.
/// </summary>
public sealed class TelemetryWiring : IDisposable
{
    private readonly List<string> _added = [];
    private readonly List<string> _skipped = [];

    /// <summary>Sinks in use, e.g. <c>metrics: cloudwatch us-east-1</c>.</summary>
    public IReadOnlyList<string> Added => _added;

    /// <summary>Sinks named in the manifest that this site cannot use, each with why.</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>The local store, when a local sink is in use.</summary>
    public LocalTelemetryStore? Store { get; internal set; }

    internal void Add(string what) => _added.Add(what);

    internal void Skip(string what) => _skipped.Add(what);

    /// <inheritdoc/>
    public void Dispose() => Store?.Dispose();
}
