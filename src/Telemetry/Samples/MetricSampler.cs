using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Telemetry;

/// <summary>Copies an OpenTelemetry metric batch into <see cref="MetricSample"/>s. Exponential histograms are not used by the contract and are skipped.</summary>
public static class MetricSampler
{
    /// <summary>Every point of <paramref name="batch"/>.</summary>
    public static List<MetricSample> Sample(in Batch<Metric> batch)
    {
        var samples = new List<MetricSample>();
        foreach (var metric in batch)
            Sample(metric, samples);
        return samples;
    }

    /// <summary>Adds every point of <paramref name="metric"/> to <paramref name="into"/>.</summary>
    public static void Sample(Metric metric, List<MetricSample> into)
    {
        var delta = metric.Temporality == AggregationTemporality.Delta;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var attributes = new List<KeyValuePair<string, string>>();
            foreach (var tag in point.Tags)
                attributes.Add(new(tag.Key, AttributeText.Of(tag.Value)));
            attributes.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            var sample = new MetricSample
            {
                Name = metric.Name,
                Unit = metric.Unit ?? "",
                Kind = SampleKind.Sum,
                Attributes = attributes,
                Start = point.StartTime,
                End = point.EndTime,
                Delta = delta,
            };
            switch (metric.MetricType)
            {
                case MetricType.LongSum:
                    into.Add(sample with { Monotonic = true, Value = point.GetSumLong(), IsInteger = true });
                    break;
                case MetricType.LongSumNonMonotonic:
                    into.Add(sample with { Value = point.GetSumLong(), IsInteger = true, Delta = false });
                    break;
                case MetricType.DoubleSum:
                    into.Add(sample with { Monotonic = true, Value = point.GetSumDouble() });
                    break;
                case MetricType.DoubleSumNonMonotonic:
                    into.Add(sample with { Value = point.GetSumDouble(), Delta = false });
                    break;
                case MetricType.LongGauge:
                    into.Add(sample with { Kind = SampleKind.Gauge, Value = point.GetGaugeLastValueLong(), IsInteger = true, Delta = false });
                    break;
                case MetricType.DoubleGauge:
                    into.Add(sample with { Kind = SampleKind.Gauge, Value = point.GetGaugeLastValueDouble(), Delta = false });
                    break;
                case MetricType.Histogram:
                    into.Add(sample with { Kind = SampleKind.Histogram, Histogram = Histogram(point) });
                    break;
            }
        }
    }

    private static HistogramSample Histogram(in MetricPoint point)
    {
        var bounds = new List<double>();
        var counts = new List<long>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            if (!double.IsPositiveInfinity(bucket.ExplicitBound))
                bounds.Add(bucket.ExplicitBound);
            counts.Add(bucket.BucketCount);
        }
        double? min = null, max = null;
        if (point.TryGetHistogramMinMaxValues(out var lo, out var hi))
            (min, max) = (lo, hi);
        return new HistogramSample(bounds, counts, point.GetHistogramCount(), point.GetHistogramSum(), min, max);
    }
}
