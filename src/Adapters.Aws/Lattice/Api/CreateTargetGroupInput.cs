namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>CreateTargetGroupRequest.</summary>
public sealed record CreateTargetGroupInput : LatticeInput
{
    /// <summary>3–128 characters, not starting with <c>tg-</c>.</summary>
    public required string Name { get; init; }

    /// <summary>IP for everything meshfed renders.</summary>
    public required TargetGroupType Type { get; init; }

    /// <summary>Port, protocol, HTTP version and VPC.</summary>
    public required TargetGroupConfig Config { get; init; }

    /// <summary>Ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

/// <summary>TargetGroupConfig.</summary>
public sealed record TargetGroupConfig
{
    /// <summary>The targets' port.</summary>
    public required int Port { get; init; }

    /// <summary>HTTP.</summary>
    public required TargetGroupProtocol Protocol { get; init; }

    /// <summary>HTTP1, HTTP2 or GRPC.</summary>
    public required TargetGroupProtocolVersion ProtocolVersion { get; init; }

    /// <summary>The site's VPC (an apply input).</summary>
    public required string VpcIdentifier { get; init; }

    /// <summary>Health checks; null for Lattice's defaults.</summary>
    public HealthCheckConfig? HealthCheck { get; init; }
}

/// <summary>HealthCheckConfig (only what meshfed sets; the rest keeps Lattice's defaults).</summary>
public sealed record HealthCheckConfig
{
    /// <summary>Whether Lattice checks the targets.</summary>
    public required bool Enabled { get; init; }

    /// <summary>HTTP.</summary>
    public TargetGroupProtocol? Protocol { get; init; }

    /// <summary>HTTP1 or HTTP2 (health checks do not speak gRPC).</summary>
    public TargetGroupProtocolVersion? ProtocolVersion { get; init; }

    /// <summary>The port checked, when not the traffic port.</summary>
    public int? Port { get; init; }

    /// <summary>The path checked.</summary>
    public string? Path { get; init; }
}
