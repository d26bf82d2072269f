namespace MeshFed.Model.Validation;

/// <summary>
/// What App Mesh accepts (Smithy model app-mesh-2019-01-25 and the service quotas page). Hard limits are
/// errors at validation time; default quotas, which AWS can raise, are warnings.
/// </summary>
public static class AppMeshLimits
{
    /// <summary>Weighted targets per route (fixed).</summary>
    public const int MaxWeightedTargets = 10;

    /// <summary>Highest route priority; route N gets priority N, so at most 1001 routes.</summary>
    public const int MaxRoutePriority = 1000;

    /// <summary>Header matches per route.</summary>
    public const int MaxHeaderMatches = 10;

    /// <summary>Query parameter matches per route.</summary>
    public const int MaxQueryParameterMatches = 10;

    /// <summary>Length of a path, prefix or regex match value.</summary>
    public const int MaxPathMatchLength = 255;

    /// <summary>Default quota: routes per virtual router.</summary>
    public const int RoutesPerRouterQuota = 50;

    /// <summary>Default quota: virtual nodes per mesh.</summary>
    public const int VirtualNodesPerMeshQuota = 200;

    /// <summary>Default quota: virtual services (and routers) per mesh.</summary>
    public const int VirtualServicesPerMeshQuota = 200;
}
