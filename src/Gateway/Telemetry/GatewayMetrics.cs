using System.Diagnostics;
using System.Diagnostics.Metrics;
using MeshFed.Gateway.Routing;
using MeshFed.Model;

namespace MeshFed.Gateway.Telemetry;

/// <summary>
/// The gateway's instruments: the golden signals of <see cref="GoldenSignals"/> per service, site, version and
/// response class, and counters for what the gateway itself did (retries, ejections, refused peers, reloads),
/// so that nothing it drops or refuses goes uncounted.
/// </summary>
public static class GatewayMetrics
{
    /// <summary>The meter (shared by every gateway in the process; <see cref="GoldenSignals.ReporterAttribute"/> tells them apart).</summary>
    public static readonly Meter Meter = new(GoldenSignals.SourceName);

    /// <summary>The activity source for the gateway's own spans.</summary>
    public static readonly ActivitySource Source = new(GoldenSignals.SourceName);

    private static readonly Counter<long> s_requests = Meter.CreateCounter<long>(GoldenSignals.Requests, "{request}", "Requests finished, by service, site, version and response class.");
    private static readonly Histogram<double> s_duration = Meter.CreateHistogram<double>(GoldenSignals.Duration, "s", "Time from the request's arrival to the end of its response.");
    // Requests in flight (GoldenSignals.Active) are observed: RequestsInFlight holds the counts and the instrument.

    /// <summary>Retries sent (Polly), by service and site.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("meshfed.gateway.retries", "{retry}", "Retries sent.");

    /// <summary>Retries not sent because the retry budget was spent.</summary>
    public static readonly Counter<long> RetriesDenied = Meter.CreateCounter<long>("meshfed.gateway.retries.denied", "{retry}", "Retries the retry budget refused.");

    /// <summary>Destinations ejected by outlier detection.</summary>
    public static readonly Counter<long> Ejections = Meter.CreateCounter<long>("meshfed.gateway.ejections", "{ejection}", "Destinations ejected after consecutive failures.");

    /// <summary>Requests refused by the gateway itself (no route, policy, overflow), by reason.</summary>
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>("meshfed.gateway.refusals", "{request}", "Requests the gateway refused, by reason.");

    /// <summary>TLS peers refused at the handshake.</summary>
    public static readonly Counter<long> PeersRefused = Meter.CreateCounter<long>("meshfed.gateway.peers.refused", "{handshake}", "Peer handshakes refused.");

    /// <summary>Manifest or trust reloads, by outcome.</summary>
    public static readonly Counter<long> Reloads = Meter.CreateCounter<long>("meshfed.gateway.reloads", "{reload}", "Configuration reloads, by what and outcome.");

    /// <summary>Marks a request in flight; pass the result to <see cref="Finish"/> when it ends.</summary>
    public static InFlight Start(RoutingDecision decision, string reporter)
    {
        var count = RequestsInFlight.For(decision, reporter);
        count.Increment();
        return new InFlight(count);
    }

    /// <summary>Records a finished request.</summary>
    public static void Finish(InFlight inFlight, int statusCode, TimeSpan elapsed)
    {
        inFlight.Count.Decrement();
        var tags = new TagList(inFlight.Count.Tags);
        tags.Add(GoldenSignals.ResponseClassAttribute, GoldenSignals.ResponseClass(statusCode));
        s_requests.Add(1, tags);
        s_duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Counts a refusal.</summary>
    public static void Refused(string reporter, string reason, string? service) =>
        Refusals.Add(1, new TagList { { GoldenSignals.ReporterAttribute, reporter }, { "reason", reason }, { GoldenSignals.ServiceAttribute, service ?? "" } });

    /// <summary>
    /// One request in flight: the count of its tag set, which also holds the tags its golden signals are recorded with
    /// (<see cref="RequestsInFlight"/>), so the request carries one reference across its await, not a
    /// <see cref="TagList"/> of about 150 bytes in the async state machine every request allocates (<see cref="ProxyDispatch"/>).
    /// </summary>
    public readonly struct InFlight
    {
        internal InFlight(RequestsInFlight.Count count) => Count = count;

        internal RequestsInFlight.Count Count { get; }
    }
}
