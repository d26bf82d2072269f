using System.Globalization;
using System.Text.Json.Nodes;
using MeshFed.Model;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// Metric samples as Cloud Monitoring <c>TimeSeries</c> (REST JSON), one point each. Pure. Counters are
/// CUMULATIVE INT64/DOUBLE, up-down counters and gauges GAUGE, histograms CUMULATIVE DISTRIBUTION with the
/// explicit bounds they were recorded with (the manifest's <c>latencyBuckets</c>, in seconds). Metric types are
/// <c>{prefix}/{name}</c> with the instrument's dots as underscores after <c>meshfed.</c>
/// (<c>meshfed.request.duration</c> → <c>custom.googleapis.com/meshfed/request_duration</c>); label keys are the
/// attribute names without <c>meshfed.</c> (<c>service</c>, <c>site</c>, <c>version</c>, <c>reporter</c>,
/// <c>direction</c>, <c>response_class</c>), at most 30, values at most 1024 characters.
/// </summary>
internal static class CloudMonitoringSeries
{
    public const int MaxLabels = 30;

    public static string MetricType(string prefix, string instrument)
    {
        var name = instrument.StartsWith("meshfed.", StringComparison.Ordinal) ? instrument["meshfed.".Length..] : instrument;
        return prefix + "/" + name.Replace('.', '_');
    }

    public static string LabelKey(string attribute)
    {
        var key = attribute.StartsWith("meshfed.", StringComparison.Ordinal) ? attribute["meshfed.".Length..] : attribute;
        var chars = key.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray();
        var text = new string(chars);
        return text.Length > 0 && char.IsAsciiLetter(text[0]) ? (text.Length > 100 ? text[..100] : text) : "l_" + text;
    }

    /// <summary>
    /// The series of one sample; null when its value is not a finite number: <c>TypedValue.doubleValue</c> is a
    /// number, and the JSON writer refuses NaN and infinities (a gauge can report NaN). The caller counts it as dropped.
    /// </summary>
    public static JsonObject? From(MetricSample sample, CloudMonitoringExporterOptions options)
    {
        if (sample.Histogram is null && !double.IsFinite(sample.Value))
            return null;
        var labels = new JsonObject();
        foreach (var (key, text) in sample.Attributes.Take(MaxLabels))
            labels[LabelKey(key)] = text.Length <= 1024 ? text : text[..1024];
        var gauge = sample.Kind == SampleKind.Gauge || (sample.Kind == SampleKind.Sum && !sample.Monotonic);
        var end = sample.End;
        // CUMULATIVE needs a start strictly before the end.
        var start = sample.Start < end ? sample.Start : end.AddMilliseconds(-1);
        var interval = gauge
            ? new JsonObject { ["endTime"] = Time(end) }
            : new JsonObject { ["startTime"] = Time(start), ["endTime"] = Time(end) };
        JsonObject value;
        string valueType;
        if (sample.Histogram is { } histogram)
        {
            valueType = "DISTRIBUTION";
            value = new JsonObject { ["distributionValue"] = Distribution(histogram) };
        }
        else if (sample.IsInteger)
        {
            valueType = "INT64";
            value = new JsonObject { ["int64Value"] = ((long)sample.Value).ToString(CultureInfo.InvariantCulture) };
        }
        else
        {
            valueType = "DOUBLE";
            value = new JsonObject { ["doubleValue"] = sample.Value };
        }
        return new JsonObject
        {
            ["metric"] = new JsonObject { ["type"] = MetricType(options.MetricPrefix, sample.Name), ["labels"] = labels },
            ["resource"] = new JsonObject
            {
                ["type"] = "generic_task",
                ["labels"] = new JsonObject
                {
                    ["project_id"] = options.ProjectId,
                    ["location"] = options.Resource.Location,
                    ["namespace"] = options.Resource.Namespace,
                    ["job"] = options.Resource.Job,
                    ["task_id"] = options.Resource.TaskId,
                },
            },
            ["metricKind"] = gauge ? "GAUGE" : "CUMULATIVE",
            ["valueType"] = valueType,
            ["unit"] = sample.Name == GoldenSignals.Duration ? "s" : sample.Unit is { Length: > 0 } unit ? unit : "1",
            ["points"] = new JsonArray(new JsonObject { ["interval"] = interval, ["value"] = value }),
        };
    }

    private static JsonObject Distribution(HistogramSample histogram)
    {
        var mean = histogram.Count == 0 ? 0 : histogram.Sum / histogram.Count;
        // The exact sum of squared deviations needs every value; from the buckets, take each bucket's midpoint.
        double squares = 0;
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            if (histogram.Counts[i] == 0)
                continue;
            var lower = i == 0 ? 0 : histogram.Bounds[i - 1];
            var upper = i < histogram.Bounds.Count ? histogram.Bounds[i] : histogram.Max ?? lower;
            var mid = (lower + upper) / 2;
            squares += histogram.Counts[i] * (mid - mean) * (mid - mean);
        }
        return new JsonObject
        {
            ["count"] = histogram.Count.ToString(CultureInfo.InvariantCulture),
            ["mean"] = mean,
            ["sumOfSquaredDeviation"] = squares,
            ["bucketOptions"] = new JsonObject { ["explicitBuckets"] = new JsonObject { ["bounds"] = new JsonArray([.. histogram.Bounds.Select(b => (JsonNode)b)]) } },
            ["bucketCounts"] = new JsonArray([.. histogram.Counts.Select(c => (JsonNode)c.ToString(CultureInfo.InvariantCulture))]),
        };
    }

    /// <summary>RFC 3339 UTC with up to nanosecond digits, as the Google JSON mapping writes timestamps.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);
}
