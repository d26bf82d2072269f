namespace MeshFed.Model;

/// <summary>Where golden-signal metrics go.</summary>
public enum MetricsSink
{
    /// <summary>Amazon CloudWatch (PutMetricData).</summary>
    [WireName("cloudwatch")] CloudWatch,
    /// <summary>Google Cloud Monitoring (timeSeries.create).</summary>
    [WireName("cloud-monitoring")] CloudMonitoring,
    /// <summary>A Prometheus scrape endpoint on each gateway.</summary>
    [WireName("prometheus")] Prometheus,
    /// <summary>An OpenTelemetry Collector over OTLP.</summary>
    [WireName("otlp")] Otlp,
    /// <summary>The embedded local store (no cloud account needed).</summary>
    [WireName("local")] Local,
}
