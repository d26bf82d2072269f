namespace MeshFed.Model;

/// <summary>A service of the mesh: what it listens on, where its versions run, how traffic reaches them.</summary>
public sealed record Service
{
    /// <summary>Name (a DNS label), unique within its namespace.</summary>
    public required string Name { get; init; }

    /// <summary>Kubernetes namespace (a DNS label); <c>default</c> when not given.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>At least one port.</summary>
    public required IReadOnlyList<ServicePort> Ports { get; init; }

    /// <summary>Where each version runs; at least one.</summary>
    public required IReadOnlyList<Deployment> Deployments { get; init; }

    /// <summary>Which other sites may call it.</summary>
    public ExportPolicy ExportTo { get; init; } = ExportPolicy.Everywhere;

    /// <summary>Routing and resilience.</summary>
    public TrafficPolicy Traffic { get; init; } = TrafficPolicy.Default;

    /// <summary>mTLS, authorization and end-user authentication.</summary>
    public SecurityPolicy Security { get; init; } = SecurityPolicy.Default;

    /// <summary>The in-cluster host name, <c>name.namespace.svc.cluster.local</c>.</summary>
    public string Host => $"{Name}.{Namespace}{HostSuffix}";

    /// <summary>What follows <c>name.namespace</c> in every <see cref="Host"/>: Kubernetes' default cluster domain.</summary>
    public const string HostSuffix = ".svc.cluster.local";

    /// <summary>The distinct versions, in the order they are first deployed.</summary>
    public IReadOnlyList<string> Versions => [.. Deployments.Select(d => d.Version).Distinct()];

    /// <summary>The distinct sites it runs on, in the order they are first deployed.</summary>
    public IReadOnlyList<string> DeployedSites => [.. Deployments.Select(d => d.Site).Distinct()];

    /// <summary>
    /// The routes every target renders: the declared ones; without routes, one catch-all route that splits
    /// traffic evenly over the versions (the remainder of 100 goes to the first ones), which is what the
    /// meshes do with endpoints of equal weight. Validation warns when a multi-version service relies on it.
    /// </summary>
    public IReadOnlyList<Route> EffectiveRoutes => Traffic.Routes.Count > 0 || Deployments.Count == 0
        ? Traffic.Routes
        : [new Route { Name = "default", To = EvenSplit(Versions) }];

    private static IReadOnlyList<RouteTarget> EvenSplit(IReadOnlyList<string> versions)
    {
        var share = 100 / versions.Count;
        var remainder = 100 % versions.Count;
        return [.. versions.Select((v, i) => new RouteTarget { Version = v, Weight = share + (i < remainder ? 1 : 0) })];
    }

    /// <summary>True when callers on <paramref name="site"/> see the service (it runs there or is exported there).</summary>
    public bool IsVisibleFrom(string site)
    {
        // A loop, not LINQ: the gateway's peer listener asks on every request.
        for (var i = 0; i < Deployments.Count; i++)
        {
            if (Deployments[i].Site == site)
                return true;
        }
        return ExportTo.Includes(site);
    }
}
