using System.Diagnostics.Tracing;

namespace MeshFed.Telemetry;

/// <summary>
/// Why an exporter failed, as OpenTelemetry's own exporters say it (<c>ZipkinExporterEventSource.Log.FailedExport</c>):
/// an <see cref="EventSource"/> named <c>MeshFed-Telemetry</c>, which <c>dotnet-trace</c>/<c>dotnet-monitor</c> read
/// without any configuration and a host forwards to its logs (<see cref="ExportFailureLog"/> bounds the rate).
/// Texts are already made printable and short by the caller; nothing here carries a request's headers.
/// </summary>
[EventSource(Name = SourceName)]
public sealed class ExportEventSource : EventSource
{
    /// <summary>The event source's name.</summary>
    public const string SourceName = "MeshFed-Telemetry";

    /// <summary>The one instance.</summary>
    public static readonly ExportEventSource Log = new();

    private ExportEventSource()
    {
    }

    /// <summary>A sink answered with an error status, or could not be reached (status 0).</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="outcome"><c>retryable</c> (kept for the next export) or <c>rejected</c> (dropped).</param>
    /// <param name="httpStatus">The HTTP status; 0 when there was no answer.</param>
    /// <param name="excerpt">The start of the answer's body, or the transport failure.</param>
    /// <param name="suppressed">Failures of this sink not logged since the previous event (rate limit).</param>
    [Event(1, Level = EventLevel.Warning, Message = "export to {0} failed ({1}): HTTP {2}: {3} ({4} more not logged)")]
    public void SendFailed(string sink, string outcome, int httpStatus, string excerpt, long suppressed) =>
        WriteEvent(1, sink, outcome, httpStatus, excerpt, suppressed);

    /// <summary>A sink's exporter threw; its items are kept for the next export.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="exception">The exception's type and message.</param>
    /// <param name="suppressed">Failures of this sink not logged since the previous event.</param>
    [Event(2, Level = EventLevel.Error, Message = "export to {0} threw: {1} ({2} more not logged)")]
    public void ExportThrew(string sink, string exception, long suppressed) => WriteEvent(2, sink, exception, suppressed);

    /// <summary>A sink fell so far behind that a whole batch was dropped for it (the other sinks got it).</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="items">Items dropped for this sink.</param>
    /// <param name="suppressed">Failures of this sink not logged since the previous event.</param>
    [Event(3, Level = EventLevel.Warning, Message = "{0} is behind: a batch of {1} items was dropped for it ({2} more not logged)")]
    public void SinkBehind(string sink, int items, long suppressed) => WriteEvent(3, sink, items, suppressed);

    /// <summary>One item could not be written for a sink (an encoder threw on it); it was dropped, the others went on.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="exception">The exception's type and message.</param>
    /// <param name="suppressed">Failures of this sink not logged since the previous event.</param>
    [Event(4, Level = EventLevel.Error, Message = "{0} dropped an item it could not write: {1} ({2} more not logged)")]
    public void ItemDropped(string sink, string exception, long suppressed) => WriteEvent(4, sink, exception, suppressed);
}
