using Microsoft.Extensions.Logging;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// What <see cref="TelemetryPipeline.AddMeshFedExporters"/> set up: the sinks added (with where they send) and
/// those skipped with the reason, for the host to log. Owns the local store and the forwarding of the exporters'
/// failures to the host's log: dispose it after the providers.
/// </summary>
/// <param name="logs">Where the exporters' failures are written (category <c>meshfed.telemetry</c>); none when null.</param>
public sealed class TelemetryWiring(ILoggerFactory? logs = null) : IDisposable
{
    private readonly ExportFailureLogger? _failures = logs is null ? null : new ExportFailureLogger(logs.CreateLogger("meshfed.telemetry"));
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
    public void Dispose()
    {
        _failures?.Dispose();
        Store?.Dispose();
    }
}
