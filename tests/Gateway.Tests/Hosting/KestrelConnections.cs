using System.Diagnostics.Metrics;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Counts the connections a Kestrel listener accepts, from Kestrel's own metric <c>kestrel.active_connections</c>
/// (meter <c>Microsoft.AspNetCore.Server.Kestrel</c>, tagged <c>server.port</c>; ASP.NET Core "Built-in metrics"),
/// so a test sees how many connections one gateway opened to another without touching either.
/// </summary>
public sealed class KestrelConnections : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly int _port;
    private int _active;
    private int _opened;
    private int _peak;

    /// <summary>Starts counting connections to <paramref name="port"/>.</summary>
    public KestrelConnections(int port)
    {
        _port = port;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel" && instrument.Name == "kestrel.active_connections")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Connections opened since counting began.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>The most connections open at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    private void OnMeasurement(Instrument instrument, long change, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != "server.port" || !Equals(tag.Value, _port))
                continue;
            var active = Interlocked.Add(ref _active, (int)change);
            if (change > 0)
                Interlocked.Add(ref _opened, (int)change);
            int peak;
            while (active > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, active, peak) != peak)
            {
            }
            return;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
