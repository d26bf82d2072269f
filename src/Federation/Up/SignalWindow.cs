using System.Diagnostics.Metrics;
using MeshFed.Gateway.Routing;
using MeshFed.Model;

namespace MeshFed.Federation.Up;

/// <summary>
/// The live golden signals of a running federation, read in-process from the gateways' instruments
/// (<see cref="GoldenSignals"/>) over a sliding window: per service, serving site and version, the request
/// rate, the error rate, latency percentiles and requests in flight. Each request is counted once, where it
/// entered the federation (direction outbound or local), so latency is what callers saw, end to end.
/// </summary>
public sealed class SignalWindow : IDisposable
{
    private const int Seconds = 10;
    private const int SamplesPerSecond = 4096;
    private readonly MeterListener _listener = new();
    private readonly Dictionary<Key, Slot[]> _slots = [];
    private readonly Dictionary<Key, long> _active = [];
    private readonly TimeProvider _time;

    /// <summary>One row's identity.</summary>
    public readonly record struct Key(string Service, string Site, string Version);

    /// <summary>One row: the window's signals.</summary>
    public sealed record Row(Key Key, double Rps, double ErrorRate, double P50Ms, double P95Ms, double P99Ms, long InFlight, long Requests);

    private sealed class Slot
    {
        public long Second = -1;
        public long Count;
        public long Errors;
        public readonly List<double> Latencies = [];
    }

    /// <summary>Starts listening.</summary>
    public SignalWindow(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GoldenSignals.SourceName && instrument.Name is GoldenSignals.Duration or GoldenSignals.Active)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => OnDuration(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => OnActive(value, tags));
        _listener.Start();
    }

    private static (Key Key, string Direction, string Class) Read(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string service = "", site = "", version = "", direction = "", responseClass = "";
        foreach (var tag in tags)
        {
            var value = tag.Value as string ?? "";
            switch (tag.Key)
            {
                case GoldenSignals.ServiceAttribute: service = value; break;
                case GoldenSignals.SiteAttribute: site = value; break;
                case GoldenSignals.VersionAttribute: version = value; break;
                case GoldenSignals.DirectionAttribute: direction = value; break;
                case GoldenSignals.ResponseClassAttribute: responseClass = value; break;
            }
        }
        return (new Key(service, site, version), direction, responseClass);
    }

    private static bool EntersHere(string direction) => direction is RoutingDecision.Outbound or RoutingDecision.Local;

    private void OnDuration(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var (key, direction, responseClass) = Read(tags);
        if (!EntersHere(direction))
            return;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out var slots))
                _slots[key] = slots = [.. Enumerable.Range(0, Seconds).Select(_ => new Slot())];
            var slot = slots[now % Seconds];
            if (slot.Second != now)
            {
                slot.Second = now;
                slot.Count = 0;
                slot.Errors = 0;
                slot.Latencies.Clear();
            }
            slot.Count++;
            if (responseClass == "5xx")
                slot.Errors++;
            if (slot.Latencies.Count < SamplesPerSecond)
                slot.Latencies.Add(seconds * 1000);
        }
    }

    // Requests in flight are observed (RequestsInFlight): each observation is one gateway's count now, and Snapshot asks
    // for them afresh, so they are added up, not kept.
    private void OnActive(long inFlight, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var (key, direction, _) = Read(tags);
        if (!EntersHere(direction))
            return;
        lock (_slots)
            _active[key] = _active.GetValueOrDefault(key) + inFlight;
    }

    /// <summary>The rows of the last ten seconds, by service, site and version.</summary>
    public IReadOnlyList<Row> Snapshot()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var rows = new List<Row>();
        lock (_slots)
        {
            _active.Clear();
            _listener.RecordObservableInstruments();
            foreach (var (key, slots) in _slots)
            {
                var live = slots.Where(s => s.Second > now - Seconds && s.Second <= now).ToList();
                var count = live.Sum(s => s.Count);
                var latencies = live.SelectMany(s => s.Latencies).Order().ToArray();
                var span = Math.Max(1, Math.Min(Seconds, now - (live.Count == 0 ? now : live.Min(s => s.Second)) + 1));
                rows.Add(new Row(key, count / (double)span, count == 0 ? 0 : live.Sum(s => s.Errors) / (double)count,
                    Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), _active.GetValueOrDefault(key), count));
            }
        }
        return [.. rows.OrderBy(r => r.Key.Service, StringComparer.Ordinal).ThenBy(r => r.Key.Site, StringComparer.Ordinal).ThenBy(r => r.Key.Version, StringComparer.Ordinal)];
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
