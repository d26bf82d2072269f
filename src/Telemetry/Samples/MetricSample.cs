namespace MeshFed.Telemetry;

/// <summary>What kind of value a <see cref="MetricSample"/> carries.</summary>
public enum SampleKind
{
    /// <summary>A sum (counter or up-down counter); <see cref="MetricSample.Monotonic"/> tells which.</summary>
    Sum,
    /// <summary>A last value.</summary>
    Gauge,
    /// <summary>An explicit-bucket histogram.</summary>
    Histogram,
}

/// <summary>Explicit-bucket histogram data: <c>Counts</c> has one more entry than <c>Bounds</c> (the overflow bucket).</summary>
/// <param name="Bounds">Upper bounds of the buckets but the last.</param>
/// <param name="Counts">Observations per bucket.</param>
/// <param name="Count">Observations in all.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest, when recorded.</param>
/// <param name="Max">The largest, when recorded.</param>
public sealed record HistogramSample(IReadOnlyList<double> Bounds, IReadOnlyList<long> Counts, long Count, double Sum, double? Min, double? Max);

/// <summary>
/// One metric point copied out of an OpenTelemetry batch (which is only valid during <c>Export</c>), so that it
/// can be chunked, kept for resending and serialized for any sink. Attributes are sorted by key.
/// </summary>
public sealed record MetricSample
{
    /// <summary>The instrument's name.</summary>
    public required string Name { get; init; }
    /// <summary>The instrument's unit (UCUM), or empty.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Sum, gauge or histogram.</summary>
    public required SampleKind Kind { get; init; }
    /// <summary>For a sum: only ever grows (a counter).</summary>
    public bool Monotonic { get; init; }
    /// <summary>True when the value covers only [Start, End] (delta temporality), false when it is a running total.</summary>
    public bool Delta { get; init; }
    /// <summary>The point's attributes, sorted by key.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; }
    /// <summary>Start of the interval the value covers.</summary>
    public required DateTimeOffset Start { get; init; }
    /// <summary>End of that interval.</summary>
    public required DateTimeOffset End { get; init; }
    /// <summary>The sum's or gauge's value.</summary>
    public double Value { get; init; }
    /// <summary>The instrument records integers.</summary>
    public bool IsInteger { get; init; }
    /// <summary>The histogram's data, for <see cref="SampleKind.Histogram"/>.</summary>
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
