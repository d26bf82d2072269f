namespace MeshFed.Adapters.Aws.Lattice.Client;

/// <summary>Where and how the VPC Lattice client talks to the API. Defaults follow the AWS SDKs' standard retry mode.</summary>
public sealed record LatticeClientOptions
{
    /// <summary>The region of the site.</summary>
    public required string Region { get; init; }

    /// <summary>Overrides <c>https://vpc-lattice.{region}.amazonaws.com</c> (as the AWS CLI's <c>--endpoint-url</c>).</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>Attempts per call, the first included (AWS standard mode: 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First backoff; each retry waits a random time up to base × 2^attempt (full jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts (AWS standard mode: 20 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The API endpoint used (the control plane's, "VPC Lattice endpoints and quotas", docs.aws.amazon.com/general/latest/gr/vpc-lattice-service.html).</summary>
    public Uri Endpoint => EndpointUrl ?? new Uri($"https://vpc-lattice.{Region}.amazonaws.com");
}
