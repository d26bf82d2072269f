namespace MeshFed.Model;

/// <summary>Where spans go.</summary>
public enum TraceSink
{
    /// <summary>AWS X-Ray (PutTraceSegments).</summary>
    [WireName("xray")] XRay,
    /// <summary>Google Cloud Trace (traces:batchWrite).</summary>
    [WireName("cloud-trace")] CloudTrace,
    /// <summary>An OpenTelemetry Collector over OTLP.</summary>
    [WireName("otlp")] Otlp,
    /// <summary>The embedded local store.</summary>
    [WireName("local")] Local,
}
