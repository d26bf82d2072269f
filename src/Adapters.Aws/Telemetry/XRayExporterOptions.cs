using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>Where and how spans go to X-Ray (PutTraceSegments).</summary>
public sealed record XRayExporterOptions
{
    /// <summary>The region whose X-Ray receives the segments.</summary>
    public string Region { get; set; } = "";

    /// <summary>Overrides <c>https://xray.{region}.amazonaws.com</c>.</summary>
    public Uri? EndpointUrl { get; set; }

    /// <summary>Segment documents per request (the X-Ray daemon's and the Collector's batch: 50).</summary>
    public int MaxSegmentsPerRequest { get; set; } = 50;

    /// <summary>Retries, timeouts and the resend buffer.</summary>
    public ExportDelivery Delivery { get; set; } = ExportDelivery.Default;

    /// <summary>The API endpoint used.</summary>
    public Uri Endpoint => EndpointUrl ?? new Uri($"https://xray.{Region}.amazonaws.com");

    internal XRayExporterOptions Validated()
    {
        ArgumentException.ThrowIfNullOrEmpty(Region);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSegmentsPerRequest, 1, nameof(MaxSegmentsPerRequest));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSegmentsPerRequest, 50, nameof(MaxSegmentsPerRequest));
        Delivery.Validated();
        return this;
    }
}
