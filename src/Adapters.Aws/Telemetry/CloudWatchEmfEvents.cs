using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>Events for the agent, each one JSON object in UTF-8 without its newline, and how many could not fit the size limit.</summary>
/// <param name="Lines">The events, in the order the samples came.</param>
/// <param name="Oversized">Events left out because a single value was still larger than the limit (dimension values that long).</param>
internal sealed record EmfBatch(IReadOnlyList<byte[]> Lines, int Oversized);

/// <summary>
/// Metric samples as CloudWatch Embedded Metric Format events: samples in, events out (one that cannot be written is
/// dropped and counted on the sink's counters, see <see cref="From"/>). Samples with the same
/// dimensions and timestamp share an event (one dimension set per event: the sample's attributes under
/// <see cref="CloudWatchNames"/>, the first 30 with a value, as PutMetricData gets them, so both transports write the
/// same metric); metric names and dimension keys are root members. An event holds at most
/// <see cref="CloudWatchEmfExporterOptions.MaxMetricsPerEvent"/> definitions and
/// <see cref="CloudWatchEmfExporterOptions.MaxValuesPerMetric"/> values per metric, the metrics with the most values
/// first (as the official libraries batch); a metric with one value is written as a number, with more as an array. An
/// event still over the byte limit is split in halves (metrics, then values) until it fits.
/// </summary>
internal static class CloudWatchEmfEvents
{
    public const int MaxDimensions = 30;
    public const int MaxDimensionName = 250;
    public const int MaxDimensionValue = 1024;
    private const string Directive = "_aws";

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private sealed record Metric(string Name, string Unit, IReadOnlyList<double> Values);

    private sealed record Group(IReadOnlyList<KeyValuePair<string, string>> Dimensions, long Timestamp, List<Metric> Metrics);

    /// <summary>What one sample contributes to an event: its metric, its values (none for an empty histogram) and where it goes.</summary>
    private sealed record Contribution(Metric Metric, List<KeyValuePair<string, string>> Dimensions, long Timestamp);

    /// <summary>
    /// The events for <paramref name="samples"/>. Each sample is made into its contribution on its own
    /// (<see cref="ItemEncoding"/>): one whose value is not a finite number (an EMF value is a JSON number) or that
    /// cannot be written is dropped and counted on <paramref name="counters"/>, and the others go on.
    /// </summary>
    public static EmfBatch From(IReadOnlyList<MetricSample> samples, CloudWatchEmfExporterOptions options, ExportCounters counters)
    {
        var lines = new List<byte[]>();
        var oversized = 0;
        var contributions = counters.EncodeEach(samples, sample => Contribute(sample, options)).Select(c => c.Encoded);
        foreach (var group in Groups(contributions))
        {
            foreach (var chunk in Chunks(group.Metrics, options))
                oversized += Serialize(group, chunk, options, lines);
        }
        return new EmfBatch(lines, oversized);
    }

    private static Contribution? Contribute(MetricSample sample, CloudWatchEmfExporterOptions options)
    {
        var values = Values(sample, options.MaxObservationsPerSeries);
        if (values.Count == 0 && sample.Histogram is null)
            return null;
        var (name, unit) = CloudWatchNames.Metric(sample.Name);
        name = Clip(name, 255);
        return new Contribution(new Metric(name, unit, values), Dimensions(sample, name), sample.End.ToUnixTimeMilliseconds());
    }

    /// <summary>The values a sample contributes: its value, or its histogram as sampled bucket bounds; none when not finite or empty.</summary>
    public static IReadOnlyList<double> Values(MetricSample sample, int maxObservations) =>
        sample.Histogram is { } histogram ? EmfHistogramValues.Of(histogram, maxObservations)
        : double.IsFinite(sample.Value) ? [sample.Value]
        : [];

    /// <summary>
    /// The dimension set of a sample: CloudWatch names, at most 30, none that would overwrite a metric or the
    /// directive. CloudWatch takes only ASCII in dimensions (names ≤ 250 characters, not starting with ':'; values
    /// ≤ 1024, not blank), as the official libraries check: other characters become '_', blank values are left out.
    /// </summary>
    public static List<KeyValuePair<string, string>> Dimensions(MetricSample sample, string metricName)
    {
        var dimensions = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in sample.Attributes)
        {
            var name = Ascii(Clip(CloudWatchNames.Dimension(key), MaxDimensionName), printable: true);
            if (name.StartsWith(':'))
                name = "_" + name[1..];
            if (string.IsNullOrWhiteSpace(value) || string.IsNullOrWhiteSpace(name) || dimensions.Count == MaxDimensions
                || name == Directive || name == metricName || dimensions.Exists(d => d.Key == name))
                continue;
            dimensions.Add(new(name, Ascii(Clip(value, MaxDimensionValue), printable: false)));
        }
        return dimensions;
    }

    private static string Ascii(string text, bool printable) =>
        text.All(c => c < 128 && (!printable || !char.IsControl(c))) ? text
        : string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = source[i] < 128 && (!printable || !char.IsControl(source[i])) ? source[i] : '_';
        });

    private static List<Group> Groups(IEnumerable<Contribution> contributions)
    {
        var groups = new List<Group>();
        var index = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        foreach (var (metric, dimensions, timestamp) in contributions)
        {
            if (metric.Values.Count == 0)
                continue; // a histogram with nothing observed: nothing to say, nothing lost
            var key = timestamp + "\0" + string.Join("\0", dimensions.Select(d => d.Key + "\0" + d.Value));
            if (!index.TryGetValue(key, out var candidates))
                index[key] = candidates = [];
            // Two metrics of one name cannot share an event: each is one root member. (A dimension named like one of
            // the group's metrics cannot occur: every sample's dimensions leave out its own metric's name.)
            var group = candidates.Find(g => !g.Metrics.Exists(m => m.Name == metric.Name));
            if (group is null)
            {
                group = new Group(dimensions, timestamp, []);
                candidates.Add(group);
                groups.Add(group);
            }
            group.Metrics.Add(metric);
        }
        return groups;
    }

    /// <summary>Round k takes values [k·V, (k+1)·V) of every metric that has them, most values first, in events of at most M metrics.</summary>
    private static IEnumerable<List<Metric>> Chunks(List<Metric> metrics, CloudWatchEmfExporterOptions options)
    {
        var ordered = metrics.OrderByDescending(m => m.Values.Count).ToList();
        var perMetric = options.MaxValuesPerMetric;
        for (var start = 0; ordered.Count > 0; start += perMetric)
        {
            var round = ordered.Select(m => m with { Values = [.. m.Values.Skip(start).Take(perMetric)] }).ToList();
            foreach (var chunk in round.Chunk(options.MaxMetricsPerEvent))
                yield return [.. chunk];
            ordered.RemoveAll(m => m.Values.Count <= start + perMetric);
        }
    }

    /// <summary>Adds the event (or its halves, when too large) to <paramref name="lines"/>; returns how many pieces could not fit.</summary>
    private static int Serialize(Group group, List<Metric> metrics, CloudWatchEmfExporterOptions options, List<byte[]> lines)
    {
        var line = Event(group, metrics, options);
        if (line.Length <= options.MaxLineBytes)
        {
            lines.Add(line);
            return 0;
        }
        if (metrics.Count > 1)
        {
            var half = metrics.Count / 2;
            return Serialize(group, metrics[..half], options, lines) + Serialize(group, metrics[half..], options, lines);
        }
        var metric = metrics[0];
        if (metric.Values.Count > 1)
        {
            var half = metric.Values.Count / 2;
            return Serialize(group, [metric with { Values = [.. metric.Values.Take(half)] }], options, lines)
                + Serialize(group, [metric with { Values = [.. metric.Values.Skip(half)] }], options, lines);
        }
        return 1;
    }

    private static byte[] Event(Group group, List<Metric> metrics, CloudWatchEmfExporterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + metrics.Sum(m => m.Values.Count) * 24);
        using (var json = new Utf8JsonWriter(buffer, s_json))
        {
            json.WriteStartObject();
            json.WriteStartObject(Directive);
            json.WriteNumber("Timestamp", group.Timestamp);
            json.WriteString("LogGroupName", options.LogGroupName);
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", options.Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var (key, _) in group.Dimensions)
                json.WriteStringValue(key);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var metric in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", metric.Unit);
                if (options.StorageResolution == 1)
                    json.WriteNumber("StorageResolution", 1);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (key, value) in group.Dimensions)
                json.WriteString(key, value);
            foreach (var metric in metrics)
            {
                if (metric.Values.Count == 1)
                {
                    json.WriteNumber(metric.Name, metric.Values[0]);
                    continue;
                }
                json.WriteStartArray(metric.Name);
                foreach (var value in metric.Values)
                    json.WriteNumberValue(value);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
