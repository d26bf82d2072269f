using MeshFed.Model;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// The order in which a gateway tries sites for a service: its own site first when it may serve locally,
/// then the service's <c>failover</c> list, then the remaining sites in declaration order.
/// </summary>
public static class SiteOrder
{
    /// <summary>Sites running <paramref name="version"/> (any version when null), most preferred first.</summary>
    public static IReadOnlyList<string> For(FederatedMesh mesh, Service service, string? version, string fromSite, bool includeOwnSite)
    {
        var running = service.Deployments
            .Where(d => version is null || d.Version == version)
            .Select(d => d.Site)
            .ToHashSet();
        var order = new List<string>();
        if (includeOwnSite && running.Contains(fromSite))
            order.Add(fromSite);
        foreach (var site in service.Traffic.Failover.Concat(mesh.Sites.Select(s => s.Name)))
        {
            if (running.Contains(site) && site != fromSite && !order.Contains(site))
                order.Add(site);
        }
        return order;
    }
}
