namespace MeshFed.Model;

/// <summary>One version of a service running on one site.</summary>
public sealed record Deployment
{
    /// <summary>The site's name.</summary>
    public required string Site { get; init; }

    /// <summary>The version label (a DNS label, e.g. <c>v1</c>); Istio subsets and App Mesh nodes are named after it.</summary>
    public required string Version { get; init; }

    /// <summary>How the site's mesh finds the workloads.</summary>
    public ServiceDiscovery Discovery { get; init; } = ServiceDiscovery.Kubernetes;

    /// <summary>What its workloads are on AWS (the IAM role they run as); null when not declared.</summary>
    public AwsWorkload? Aws { get; init; }
}
