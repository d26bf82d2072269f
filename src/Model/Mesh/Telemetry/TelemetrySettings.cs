namespace MeshFed.Model;

/// <summary>Where the federation's golden signals and traces go, and how they are shaped.</summary>
public sealed record TelemetrySettings
{
    /// <summary>Latency histogram bounds used when a manifest names none (milliseconds).</summary>
    public static IReadOnlyList<TimeSpan> DefaultLatencyBuckets { get; } =
        [.. new double[] { 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000 }.Select(TimeSpan.FromMilliseconds)];

    /// <summary>Local metrics and traces, 1% sampling, the default buckets: works with no cloud account.</summary>
    /// <remarks>Declared after <see cref="DefaultLatencyBuckets"/>: static initializers run in order.</remarks>
    public static TelemetrySettings Default { get; } = new();

    /// <summary>Metric sinks.</summary>
    public IReadOnlyList<MetricsSink> Metrics { get; init; } = [MetricsSink.Local];

    /// <summary>Trace sinks.</summary>
    public IReadOnlyList<TraceSink> Traces { get; init; } = [TraceSink.Local];

    /// <summary>Fraction of traces sampled at the edge, 0–1.</summary>
    public double Sampling { get; init; } = 0.01;

    /// <summary>Strictly increasing latency histogram bounds.</summary>
    public IReadOnlyList<TimeSpan> LatencyBuckets { get; init; } = DefaultLatencyBuckets;
}
