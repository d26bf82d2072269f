using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>Where and how spans go to Cloud Trace (<c>projects.traces:batchWrite</c>).</summary>
public sealed record CloudTraceExporterOptions
{
    /// <summary>The project that receives the spans.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>Overrides <c>https://cloudtrace.googleapis.com</c>.</summary>
    public Uri? EndpointUrl { get; set; }

    /// <summary>Spans per request. The API documents no count limit; this keeps requests far below its size limits.</summary>
    public int MaxSpansPerRequest { get; set; } = 500;

    /// <summary>Retries, timeouts and the resend buffer.</summary>
    public ExportDelivery Delivery { get; set; } = ExportDelivery.Default;

    /// <summary>The API endpoint used.</summary>
    public Uri Endpoint => EndpointUrl ?? new Uri("https://cloudtrace.googleapis.com");

    internal CloudTraceExporterOptions Validated()
    {
        ArgumentException.ThrowIfNullOrEmpty(ProjectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSpansPerRequest, 1, nameof(MaxSpansPerRequest));
        Delivery.Validated();
        return this;
    }
}
