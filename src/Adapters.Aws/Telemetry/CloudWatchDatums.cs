using System.Text.Json.Nodes;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// Metric samples as PutMetricData <c>MetricDatum</c>s (AWS JSON 1.0 shape). Pure: samples in, data out.
/// Sums and gauges become <c>Value</c>; a histogram becomes <c>Values</c>/<c>Counts</c> with each non-empty
/// bucket represented by its upper bound (the overflow bucket by the largest value seen), split into several
/// data of at most <c>maxValues</c> entries. Dimensions: at most 30, empty values left out (the API refuses them).
/// </summary>
internal static class CloudWatchDatums
{
    public const int MaxDimensions = 30;

    /// <summary>
    /// The largest magnitude CloudWatch takes (API reference, "MetricDatum", Value and Values: "must be in the range
    /// of -2^360 to 2^360. In addition, special values (for example, NaN, +Infinity, -Infinity) are not supported").
    /// A value outside it would have the whole request refused (400), with every other datum in it.
    /// </summary>
    private static readonly double s_maxMagnitude = Math.Pow(2, 360);

    public static bool Takes(double value) => double.IsFinite(value) && Math.Abs(value) <= s_maxMagnitude;

    public static IEnumerable<(MetricSample Sample, JsonObject Datum)> From(MetricSample sample, CloudWatchExporterOptions options)
    {
        var (name, unit) = CloudWatchNames.Metric(sample.Name);
        var timestamp = sample.End.ToUnixTimeSeconds();
        JsonObject Datum()
        {
            var dimensions = new JsonArray();
            foreach (var (key, value) in sample.Attributes)
            {
                if (value.Length == 0 || dimensions.Count == MaxDimensions)
                    continue;
                dimensions.Add(new JsonObject { ["Name"] = Clip(CloudWatchNames.Dimension(key), 255), ["Value"] = Clip(value, 1024) });
            }
            return new JsonObject { ["MetricName"] = Clip(name, 255), ["Dimensions"] = dimensions, ["Timestamp"] = timestamp };
        }

        if (sample.Histogram is not { } histogram)
        {
            if (!Takes(sample.Value))
                yield break;
            var datum = Datum();
            datum["Value"] = sample.Value;
            datum["Unit"] = unit;
            datum["StorageResolution"] = options.StorageResolution;
            yield return (sample, datum);
            yield break;
        }

        var pairs = new List<(double Value, long Count)>();
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            if (histogram.Counts[i] == 0)
                continue;
            var upper = i < histogram.Bounds.Count ? histogram.Bounds[i] : EmfHistogramValues.Overflow(histogram);
            if (Takes(upper))
                pairs.Add((upper, histogram.Counts[i]));
        }
        foreach (var chunk in pairs.Chunk(options.MaxValuesPerDatum))
        {
            var datum = Datum();
            datum["Values"] = new JsonArray([.. chunk.Select(p => (JsonNode)p.Value)]);
            datum["Counts"] = new JsonArray([.. chunk.Select(p => (JsonNode)(double)p.Count)]);
            datum["Unit"] = unit;
            datum["StorageResolution"] = options.StorageResolution;
            yield return (sample, datum);
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
