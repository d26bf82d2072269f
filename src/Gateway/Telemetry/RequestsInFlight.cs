using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MeshFed.Gateway.Routing;
using MeshFed.Model;

namespace MeshFed.Gateway.Telemetry;

/// <summary>
/// Requests in flight (<see cref="GoldenSignals.Active"/>) kept as one count per tag set and observed when a reader
/// collects, instead of an <see cref="UpDownCounter{T}"/> updated twice per request. A synchronous measurement is
/// aggregated by every metric reader of the process (the Prometheus scrape and the cloud exporters' fan-out: two
/// with any cloud sink on), each a look-up of its five tags; here a request pays one look-up and two interlocked
/// updates, whatever reads the gauge, and the readers pay at collection. The same instrument kind as before for
/// every exporter: OpenTelemetry reports an observable up-down counter as a non-monotonic cumulative sum, as it
/// reports the synchronous one (<see href="https://opentelemetry.io/docs/specs/otel/metrics/api/#asynchronous-updowncounter"/>).
/// One dictionary for the process, shared by every gateway in it (<c>meshfed up</c>, tests), told apart by
/// <see cref="GoldenSignals.ReporterAttribute"/>. A tag set that once had a request stays, reporting 0, as a synchronous
/// up-down counter's point does: the sets seen since the process started, which grow across manifest reloads by a few
/// dozen bytes each (a request holds its <see cref="Count"/>, so one cannot be removed safely while it may be in use).
/// </summary>
internal static class RequestsInFlight
{
    private static readonly ConcurrentDictionary<Key, Count> s_counts = new();

    // Made with the counts, in the same type initializer: the first request's look-up creates the instrument, whatever
    // else of the gateway's metrics has been touched (a field of GatewayMetrics' would wait for its first use).
    private static readonly ObservableUpDownCounter<long> s_instrument =
        GatewayMetrics.Meter.CreateObservableUpDownCounter(GoldenSignals.Active, Observe, "{request}", "Requests in flight.");

    /// <summary>The tags of one count, which are also those of its requests' count and duration (<see cref="GatewayMetrics.Finish"/>).</summary>
    private readonly record struct Key(string Service, string Site, string Version, string Reporter, string Direction);

    /// <summary>One tag set's count, and its tags made once (each observation copies them into its measurement).</summary>
    internal sealed class Count(KeyValuePair<string, object?>[] tags)
    {
        private long _value;

        /// <summary>Service, site, version, reporter and direction: also the tags of the request's count and duration.</summary>
        public ReadOnlySpan<KeyValuePair<string, object?>> Tags => tags;

        public void Increment() => Interlocked.Increment(ref _value);

        public void Decrement() => Interlocked.Decrement(ref _value);

        public Measurement<long> Observe() => new(Volatile.Read(ref _value), tags);
    }

    /// <summary>The count of <paramref name="decision"/>'s tag set at <paramref name="reporter"/>.</summary>
    public static Count For(RoutingDecision decision, string reporter) =>
        s_counts.GetOrAdd(new Key(decision.Service.Name, decision.Site, decision.Version, reporter, decision.Direction), static key => new Count(
        [
            new(GoldenSignals.ServiceAttribute, key.Service),
            new(GoldenSignals.SiteAttribute, key.Site),
            new(GoldenSignals.VersionAttribute, key.Version),
            new(GoldenSignals.ReporterAttribute, key.Reporter),
            new(GoldenSignals.DirectionAttribute, key.Direction),
        ]));

    /// <summary>Every tag set's count now: the instrument's callback.</summary>
    public static IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (_, count) in s_counts) // not .Values, which locks every bucket and copies
            yield return count.Observe();
    }
}
