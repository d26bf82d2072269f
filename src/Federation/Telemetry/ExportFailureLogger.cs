using System.Diagnostics.Tracing;
using System.Globalization;
using MeshFed.Telemetry;
using Microsoft.Extensions.Logging;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// Writes the exporters' failure events (<see cref="ExportEventSource"/>: a sink's HTTP status and the start of its
/// answer, already rate-limited and made printable) to the host's log, so that an IAM or quota error is read in
/// the gateway's log rather than guessed from a rising <c>meshfed.export.dropped</c>.
/// </summary>
internal sealed class ExportFailureLogger : EventListener
{
    private readonly ILogger? _logger;

    public ExportFailureLogger(ILogger logger) => _logger = logger;

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor too, before _logger is set: enabling is all it does.
        if (eventSource.Name == ExportEventSource.SourceName)
            EnableEvents(eventSource, EventLevel.Warning);
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (_logger is null || e.EventSource.Name != ExportEventSource.SourceName)
            return;
        var payload = e.Payload?.ToArray() ?? [];
        var message = e.Message is { } format ? string.Format(CultureInfo.InvariantCulture, format, payload) : string.Join(", ", payload);
        _logger.Log(e.Level <= EventLevel.Error ? LogLevel.Error : LogLevel.Warning, new EventId(e.EventId, e.EventName), "Telemetry: {Failure}", message);
    }
}
