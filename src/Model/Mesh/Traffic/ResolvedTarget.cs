namespace MeshFed.Model;

/// <summary>
/// Where a route target's share goes from one site: a version running on that site, or another site
/// reached through the meshfed gateway (with the site pinned when the route pins one).
/// </summary>
/// <param name="Version">The version.</param>
/// <param name="RemoteSite">The pinned remote site; null when local, or remote with the gateway choosing the site.</param>
/// <param name="Weight">The share, percent.</param>
/// <param name="IsRemote">True when the share leaves the site through the gateway.</param>
public sealed record ResolvedTarget(string Version, string? RemoteSite, int Weight, bool IsRemote)
{
    /// <summary>
    /// Resolves <paramref name="target"/> of <paramref name="service"/> from <paramref name="site"/>:
    /// nearest first, so an unpinned version that runs on the site stays there.
    /// </summary>
    public static ResolvedTarget From(Service service, RouteTarget target, string site)
    {
        var local = target.Site == site || (target.Site is null && service.Deployments.Any(d => d.Site == site && d.Version == target.Version));
        return local
            ? new ResolvedTarget(target.Version, null, target.Weight, IsRemote: false)
            : new ResolvedTarget(target.Version, target.Site, target.Weight, IsRemote: true);
    }
}
