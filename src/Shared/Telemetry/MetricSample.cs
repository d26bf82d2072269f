namespace MeshFed.Telemetry;

/// <summary>What kind of value a <see cref="MetricSample"/> carries.</summary>
internal enum SampleKind
{
    /// <summary>A sum (counter or up-down counter); <see cref="MetricSample.Monotonic"/> tells which.</summary>
    Sum,
    /// <summary>A last value.</summary>
    Gauge,
    /// <summary>An explicit-bucket histogram.</summary>
    Histogram,
}

/// <summary>Explicit-bucket histogram data: <c>Counts</c> has one more entry than <c>Bounds</c> (the overflow bucket).</summary>
internal sealed record HistogramSample(IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts, long Count, double Sum, double? Min, double? Max);

/// <summary>
/// One metric point copied out of an OpenTelemetry batch (which is only valid during <c>Export</c>), so that it
/// can be chunked, kept for resending and serialized for any sink. Attributes are sorted by key.
/// </summary>
internal sealed record MetricSample
{
    public required string Name { get; init; }
    public string Unit { get; init; } = "";
    public required SampleKind Kind { get; init; }
    public bool Monotonic { get; init; }
    /// <summary>True when the value covers only [Start, End] (delta temporality), false when it is a running total.</summary>
    public bool Delta { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public double Value { get; init; }
    public bool IsInteger { get; init; }
    public HistogramSample? Histogram { get; init; }

    /// <summary>The attribute's value, or null.</summary>
    public string? Attribute(string key)
    {
        foreach (var pair in Attributes)
        {
            if (pair.Key == key)
                return pair.Value;
        }
        return null;
    }

    /// <summary>Name plus attributes: one time series.</summary>
    public string SeriesKey => Name + "|" + string.Join("|", Attributes.Select(a => a.Key + "=" + a.Value));
}
