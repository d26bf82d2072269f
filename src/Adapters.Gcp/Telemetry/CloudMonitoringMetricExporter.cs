using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// An OpenTelemetry metric exporter for Cloud Monitoring <c>projects.timeSeries.create</c> (REST JSON, OAuth2
/// bearer token). Use it with cumulative temporality: each export sends the latest running total of every series,
/// so a point kept for resending is simply replaced by a newer one and nothing is lost. Limits: at most 200 series
/// per request, one point per series, at least 5 s between points of a series (a point that comes sooner waits for
/// the next export). A partial failure (400 naming <c>timeSeries[i]</c>) keeps only the failed series for the next
/// export; 429 and 5xx are retried with jittered backoff.
/// </summary>
public sealed partial class CloudMonitoringMetricExporter : HttpSinkExporter<Metric, MetricSample, CloudMonitoringExporterOptions>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "cloud-monitoring";

    private readonly Func<CancellationToken, Task<string>> _token;
    private readonly Dictionary<string, DateTimeOffset> _lastWritten = new(StringComparer.Ordinal);

    /// <summary>Creates an exporter; <paramref name="accessToken"/> gives a bearer token per attempt (see <see cref="GoogleAccessTokens"/>).</summary>
    public CloudMonitoringMetricExporter(CloudMonitoringExporterOptions options, HttpClient http, Func<CancellationToken, Task<string>> accessToken, TimeProvider? time = null)
        : base(SinkName, (options with { }).Validated(), o => o.Delivery, http, time, LatestPerSeries) // a copy: the caller's options object stays the caller's
    {
        _token = accessToken;
    }

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Metric> batch) => Export(MetricSampler.Sample(batch));

    /// <summary>One point per series: the newest (a cumulative total contains the older ones).</summary>
    private static List<MetricSample> LatestPerSeries(List<MetricSample> samples)
    {
        var latest = new Dictionary<string, MetricSample>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!latest.TryGetValue(sample.SeriesKey, out var seen) || sample.End >= seen.End)
                latest[sample.SeriesKey] = sample;
        }
        return [.. latest.Values];
    }

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<MetricSample>> SendAsync(IReadOnlyList<MetricSample> samples)
    {
        var unsent = new List<MetricSample>();
        var ready = new List<MetricSample>();
        foreach (var sample in samples)
        {
            if (_lastWritten.TryGetValue(sample.SeriesKey, out var last) && sample.End < last + Options.MinPointSpacing)
                unsent.Add(sample); // too soon after the last point of this series: next export
            else
                ready.Add(sample);
        }
        // Each series written on its own, so that one the API cannot take is dropped alone (ItemEncoding).
        var series = Counters.EncodeEach(ready, sample => CloudMonitoringSeries.From(sample, Options)?.ToJsonString());
        unsent.AddRange(await SendInTurn(series.Chunk(Options.MaxSeriesPerRequest).ToList(), written => written.Select(w => w.Item),
            written =>
            {
                var body = Body(written.Select(w => w.Encoded));
                return Sender.SendHttpAsync(Http, token => BuildAsync(body, token));
            },
            (written, result, kept) =>
            {
                var chunk = written.Select(w => w.Item).ToArray();
                if (result.Status == SendStatus.Sent)
                {
                    Written(chunk);
                    return;
                }
                // Only indexes of this request name its series; one beyond it (or too large to read) names none.
                var failed = FailedIndexes(result.Body);
                failed.RemoveWhere(i => i >= chunk.Length);
                if (result.HttpStatus == 400 && failed.Count > 0)
                {
                    // Partial success: the other series are written; keep only the failed ones.
                    Written(chunk.Where((_, i) => !failed.Contains(i)));
                    kept.AddRange(chunk.Where((_, i) => failed.Contains(i)));
                    return;
                }
                Counters.AddDropped(chunk.Length);
            }));
        return unsent;
    }

    private void Written(IEnumerable<MetricSample> samples)
    {
        var count = 0;
        foreach (var sample in samples)
        {
            _lastWritten[sample.SeriesKey] = sample.End;
            count++;
        }
        Counters.AddSent(count);
    }

    /// <summary>The request body for a set of series, each already written as JSON.</summary>
    private static byte[] Body(IEnumerable<string> series)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("timeSeries");
            foreach (var one in series)
                writer.WriteRawValue(one, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task<HttpRequestMessage> BuildAsync(byte[] body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.Endpoint, $"/v3/projects/{Uri.EscapeDataString(Options.ProjectId)}/timeSeries"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _token(cancellationToken));
        return request;
    }

    /// <summary>The series a partial failure names: its message lists them as <c>timeSeries[i]</c>.</summary>
    internal static HashSet<int> FailedIndexes(string body)
    {
        var indexes = new HashSet<int>();
        foreach (Match match in SeriesIndex().Matches(body))
        {
            // The answer is the sink's (or whatever stands in front of it) text: an index too large for an int names
            // no series of ours, and must not throw out of the send (the delivery would keep the whole batch).
            if (int.TryParse(match.Groups[1].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                indexes.Add(index);
        }
        return indexes;
    }

    [GeneratedRegex(@"timeSeries\[(\d+)\]")]
    private static partial Regex SeriesIndex();
}
