using System.Diagnostics;
using System.Diagnostics.Metrics;
using MeshFed.Model;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeshFed.Tests.Shared.Telemetry;

/// <summary>
/// Records golden signals with the contract's instrument names through a real OpenTelemetry SDK pipeline into one
/// exporter, on a meter of its own (so that tests running in parallel never see each other's measurements).
/// <see cref="Flush"/> runs one export synchronously, as the periodic reader would.
/// </summary>
public sealed class GoldenTraffic : IDisposable
{
    private readonly Meter _meter = new("meshfed.test." + Guid.NewGuid().ToString("N"));
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Dictionary<(string Service, string Site, string Version, string Direction), long> _inFlight = [];

    public GoldenTraffic(BaseExporter<Metric> exporter, MetricReaderTemporalityPreference temporality, IReadOnlyList<double>? buckets = null)
    {
        _requests = _meter.CreateCounter<long>(GoldenSignals.Requests);
        _duration = _meter.CreateHistogram<double>(GoldenSignals.Duration, "s");
        // Observed, as the gateway's is (RequestsInFlight): the exporters see the instrument kind they see in production.
        _meter.CreateObservableUpDownCounter(GoldenSignals.Active, ObserveInFlight);
        Provider = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(_meter.Name)
            .AddView(GoldenSignals.Duration, new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [.. buckets ?? TelemetrySettings.DefaultLatencyBuckets.Select(b => b.TotalSeconds)],
                CardinalityLimit = 100_000,
            })
            .AddView(GoldenSignals.Requests, new MetricStreamConfiguration { CardinalityLimit = 100_000 })
            .AddReader(new PeriodicExportingMetricReader(exporter, int.MaxValue) { TemporalityPreference = temporality })
            .Build()!;
    }

    public MeterProvider Provider { get; }

    /// <summary>Records <paramref name="count"/> requests of <paramref name="seconds"/> each.</summary>
    public void Request(string service, string site, string version, double seconds, int status = 200, int count = 1, string direction = "outbound", string reporter = "aws-use1")
    {
        var tags = new TagList
        {
            { GoldenSignals.ServiceAttribute, service },
            { GoldenSignals.SiteAttribute, site },
            { GoldenSignals.VersionAttribute, version },
            { GoldenSignals.ReporterAttribute, reporter },
            { GoldenSignals.DirectionAttribute, direction },
        };
        for (var i = 0; i < count; i++)
            _duration.Record(seconds, tags);
        tags.Add(GoldenSignals.ResponseClassAttribute, GoldenSignals.ResponseClass(status));
        _requests.Add(count, tags);
    }

    /// <summary>Sets the requests in flight of a series to <paramref name="delta"/> more.</summary>
    public void InFlight(string service, string site, string version, long delta, string direction = "outbound")
    {
        lock (_inFlight)
            _inFlight[(service, site, version, direction)] = _inFlight.GetValueOrDefault((service, site, version, direction)) + delta;
    }

    private IEnumerable<Measurement<long>> ObserveInFlight()
    {
        lock (_inFlight)
        {
            return [.. _inFlight.Select(pair => new Measurement<long>(pair.Value,
                new(GoldenSignals.ServiceAttribute, pair.Key.Service),
                new(GoldenSignals.SiteAttribute, pair.Key.Site),
                new(GoldenSignals.VersionAttribute, pair.Key.Version),
                new(GoldenSignals.DirectionAttribute, pair.Key.Direction)))];
        }
    }

    /// <summary>Adds to a counter with arbitrary attributes (limit tests).</summary>
    public void Raw(string instrument, double value, params KeyValuePair<string, object?>[] tags)
    {
        var list = new TagList(tags);
        if (instrument == GoldenSignals.Duration)
            _duration.Record(value, list);
        else
            _requests.Add((long)value, list);
    }

    public void Flush() => Provider.ForceFlush();

    public void Dispose()
    {
        Provider.Dispose();
        _meter.Dispose();
    }
}

/// <summary>Finishes spans through a real OpenTelemetry batch processor into one exporter, on an activity source of its own.</summary>
public sealed class SpanTraffic : IDisposable
{
    private readonly ActivitySource _source = new("meshfed.test." + Guid.NewGuid().ToString("N"));

    private readonly ExportTracker? _tracker;

    public SpanTraffic(BaseExporter<Activity> exporter, int maxQueue = 2048, BaseProcessor<Activity>? processor = null)
    {
        if (processor is null)
            _tracker = new ExportTracker(exporter);
        Provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource(_source.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(processor ?? new BatchActivityExportProcessor(_tracker!, maxQueue, 60_000, 30_000, Math.Min(512, maxQueue)))
            .Build()!;
    }

    public TracerProvider Provider { get; }

    /// <summary>Starts and ends one span; returns its data as recorded.</summary>
    public Activity Span(string name, ActivityKind kind = ActivityKind.Server, ActivityContext parent = default, int status = 200,
        IEnumerable<KeyValuePair<string, object?>>? attributes = null, TimeSpan? duration = null)
    {
        var start = DateTimeOffset.UtcNow;
        using var activity = _source.StartActivity(name, kind, parent, tags: attributes, startTime: start)!;
        activity.SetTag("http.request.method", "GET");
        activity.SetTag("http.response.status_code", status);
        activity.SetTag("url.full", "http://orders.shop.svc/orders/42");
        if (status >= 500)
            activity.SetStatus(ActivityStatusCode.Error, "upstream failed");
        activity.SetEndTime((start + (duration ?? TimeSpan.FromMilliseconds(12))).UtcDateTime);
        return activity;
    }

    /// <summary>
    /// Exports what has ended and waits until the exporter has finished: OpenTelemetry's ForceFlush returns as soon as
    /// the exporter has taken the batch, which is before its requests are answered.
    /// </summary>
    public void Flush()
    {
        Provider.ForceFlush();
        _tracker?.WaitIdle();
    }

    public void Dispose()
    {
        Provider.Dispose();
        _source.Dispose();
    }

    /// <summary>Counts exports in progress around the real exporter.</summary>
    private sealed class ExportTracker(BaseExporter<Activity> inner) : BaseExporter<Activity>
    {
        private int _active;

        public override ExportResult Export(in Batch<Activity> batch)
        {
            Interlocked.Increment(ref _active);
            try
            {
                return inner.Export(batch);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }

        public void WaitIdle()
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Volatile.Read(ref _active) > 0 && DateTime.UtcNow < deadline)
                Thread.Sleep(5);
        }
    }
}
