namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>CreateServiceRequest.</summary>
public sealed record CreateServiceInput : LatticeInput
{
    /// <summary>3–40 characters, not starting with <c>svc-</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The name callers use (the mesh host).</summary>
    public required string CustomDomainName { get; init; }

    /// <summary>The ACM certificate for the custom domain on HTTPS listeners (an apply input); null without one.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>AWS_IAM: every service is guarded by its auth policy.</summary>
    public required AuthType AuthType { get; init; }

    /// <summary>Ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
