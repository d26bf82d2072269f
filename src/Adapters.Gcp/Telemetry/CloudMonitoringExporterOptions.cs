using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>Where and how golden signals go to Cloud Monitoring (<c>projects.timeSeries.create</c>).</summary>
public sealed record CloudMonitoringExporterOptions
{
    /// <summary>The project that receives the time series.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>Overrides <c>https://monitoring.googleapis.com</c>.</summary>
    public Uri? EndpointUrl { get; set; }

    /// <summary>
    /// Metric type prefix. <c>custom.googleapis.com/meshfed</c>: user-defined metrics whose descriptors Cloud
    /// Monitoring creates on first write (<c>workload.googleapis.com</c> is meant for agent-collected workload metrics).
    /// </summary>
    public string MetricPrefix { get; set; } = "custom.googleapis.com/meshfed";

    /// <summary>The monitored resource: <c>generic_task</c> with these labels (project_id is added).</summary>
    public MonitoredTask Resource { get; set; } = new("global", "meshfed", "meshfed-gateway", Environment.MachineName);

    /// <summary>Series per request (API limit 200).</summary>
    public int MaxSeriesPerRequest { get; set; } = 200;

    /// <summary>Shortest time between two points of one series (API: 5 s); a newer point waits for the next export.</summary>
    public TimeSpan MinPointSpacing { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries, timeouts and the resend buffer.</summary>
    public ExportDelivery Delivery { get; set; } = ExportDelivery.Default;

    /// <summary>The API endpoint used.</summary>
    public Uri Endpoint => EndpointUrl ?? new Uri("https://monitoring.googleapis.com");

    internal CloudMonitoringExporterOptions Validated()
    {
        ArgumentException.ThrowIfNullOrEmpty(ProjectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSeriesPerRequest, 1, nameof(MaxSeriesPerRequest));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSeriesPerRequest, 200, nameof(MaxSeriesPerRequest));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinPointSpacing, TimeSpan.FromSeconds(5), nameof(MinPointSpacing));
        Delivery.Validated();
        return this;
    }
}

/// <summary>The <c>generic_task</c> monitored resource a gateway writes as.</summary>
/// <param name="Location">The site's region (or <c>global</c>).</param>
/// <param name="Namespace">The mesh's name.</param>
/// <param name="Job">The workload, <c>meshfed-gateway</c>.</param>
/// <param name="TaskId">The site (and replica) reporting.</param>
public sealed record MonitoredTask(string Location, string Namespace, string Job, string TaskId);
