using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace MeshFed.Telemetry.Tests.Diagnostics;

/// <summary>Records the <c>MeshFed-Telemetry</c> events of one sink (tests run in parallel, and every listener hears every sink).</summary>
internal sealed class ExportEvents(string sink) : EventListener
{
    private readonly ConcurrentQueue<EventWrittenEventArgs> _events = new();

    public IReadOnlyList<EventWrittenEventArgs> Events => [.. _events];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ExportEventSource.SourceName)
            EnableEvents(eventSource, EventLevel.Verbose);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // sink is null while the base constructor replays the sources created before this listener.
        if (sink is not null && e.Payload is { Count: > 0 } payload && Equals(payload[0], sink))
            _events.Enqueue(e);
    }

    public object? Payload(EventWrittenEventArgs e, string name) => e.Payload![e.PayloadNames!.IndexOf(name)];
}
