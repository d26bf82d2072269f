using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>Where and how golden signals go to CloudWatch (PutMetricData). Limits default to the API's; bounds are checked when the exporter is built.</summary>
public sealed record CloudWatchExporterOptions
{
    /// <summary>The region whose CloudWatch receives the metrics.</summary>
    public string Region { get; set; } = "";

    /// <summary>Overrides <c>https://monitoring.{region}.amazonaws.com</c> (tests, VPC endpoints, LocalStack).</summary>
    public Uri? EndpointUrl { get; set; }

    /// <summary>The metric namespace (1–255 characters, not starting with <c>AWS/</c>).</summary>
    public string Namespace { get; set; } = "MeshFed";

    /// <summary>1 (high resolution) or 60 seconds.</summary>
    public int StorageResolution { get; set; } = 60;

    /// <summary>Metric data per request (API limit 1000).</summary>
    public int MaxDatumsPerRequest { get; set; } = 1000;

    /// <summary>Bytes per request body before compression (API limit 1 MB; counting before gzip keeps every request under it).</summary>
    public int MaxRequestBytes { get; set; } = 1_000_000;

    /// <summary>Values per datum (API limit 150); a histogram with more non-empty buckets becomes several data.</summary>
    public int MaxValuesPerDatum { get; set; } = 150;

    /// <summary>Bodies of at least this many bytes are sent gzip-compressed (the AWS SDKs' default threshold: 10 KiB).</summary>
    public int MinCompressionBytes { get; set; } = 10_240;

    /// <summary>Retries, timeouts and the resend buffer.</summary>
    public ExportDelivery Delivery { get; set; } = ExportDelivery.Default;

    /// <summary>The API endpoint used.</summary>
    public Uri Endpoint => EndpointUrl ?? new Uri($"https://monitoring.{Region}.amazonaws.com");

    internal CloudWatchExporterOptions Validated()
    {
        ArgumentException.ThrowIfNullOrEmpty(Region);
        ArgumentOutOfRangeException.ThrowIfNotEqual(StorageResolution is 1 or 60, true, nameof(StorageResolution));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDatumsPerRequest, 1, nameof(MaxDatumsPerRequest));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDatumsPerRequest, 1000, nameof(MaxDatumsPerRequest));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRequestBytes, 1_000_000, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBytes, 10_000, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxValuesPerDatum, 1, nameof(MaxValuesPerDatum));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxValuesPerDatum, 150, nameof(MaxValuesPerDatum));
        if (Namespace.Length is < 1 or > 255 || Namespace.StartsWith(':') || Namespace.StartsWith("AWS/", StringComparison.Ordinal))
            throw new ArgumentException($"namespace '{Namespace}': 1–255 characters, not starting with ':' or 'AWS/'", nameof(Namespace));
        Delivery.Validated();
        return this;
    }
}
