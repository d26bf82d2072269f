using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// What a rendered target group holds: a local version of a service on a port, or (no version) the meshfed gateway for
/// that port's HTTP version, or (<paramref name="AppMeshIngress"/>) the App Mesh ingress virtual gateway during a migration.
/// </summary>
/// <param name="Service">The service it serves (a target group serves one service).</param>
/// <param name="Version">The local version; null for the meshfed gateway's and the App Mesh ingress's groups.</param>
/// <param name="Port">The service port it serves.</param>
/// <param name="AppMeshIngress">True for the group that hands the App Mesh share to the ingress virtual gateway.</param>
internal sealed record LatticeTargetGroupOrigin(Service Service, string? Version, ServicePort Port, bool AppMeshIngress = false)
{
    /// <summary>True for the groups whose targets are in the meshfed gateway's task or pod (not the service's own).</summary>
    public bool IsGateway => Version is null;
}
