using MeshFed.Gateway.Config;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Hosting;

/// <summary>What a gateway needs to start.</summary>
public sealed record GatewayHostOptions
{
    /// <summary>The manifest's mesh.</summary>
    public required FederatedMesh Mesh { get; init; }

    /// <summary>The manifest file or folder, watched for hot reload (null: no reload).</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The gateway's site, listeners and overrides.</summary>
    public required GatewaySettings Settings { get; init; }

    /// <summary>The federation trust material, reloaded when rotated.</summary>
    public required TrustReloader Trust { get; init; }

    /// <summary>Where logs go.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Applied to every reloaded mesh before use (e.g. <c>meshfed up</c> moving gateways to loopback).</summary>
    public Func<FederatedMesh, FederatedMesh>? ReloadTransform { get; init; }

    /// <summary>The process's telemetry; serves <c>/metrics</c> (null: no <c>/metrics</c>).</summary>
    public GatewayTelemetry? Telemetry { get; init; }

    /// <summary>The clock the gateway reads (null: the system clock; tests pass a fake one).</summary>
    public TimeProvider? TimeProvider { get; init; }
}
