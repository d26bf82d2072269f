using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>What a rendered target group holds: a local version of a service on a port, or (no version) the meshfed gateway for that port's HTTP version.</summary>
/// <param name="Service">The service it serves (a target group serves one service).</param>
/// <param name="Version">The local version; null for the meshfed gateway's group.</param>
/// <param name="Port">The service port it serves.</param>
internal sealed record LatticeTargetGroupOrigin(Service Service, string? Version, ServicePort Port)
{
    public bool IsGateway => Version is null;
}
