namespace MeshFed.Model;

/// <summary>
/// One mesh spanning clouds and data centres: the root of the model every adapter, the gateway and the
/// control plane translate from. Instances come from <see cref="Loading.ManifestLoader"/> and are valid.
/// </summary>
public sealed record FederatedMesh
{
    /// <summary>API version every manifest document declares.</summary>
    public const string ApiVersion = "meshfed.dev/v1alpha1";

    /// <summary>Kind every manifest document declares.</summary>
    public const string Kind = "FederatedMesh";

    /// <summary>The mesh's name (a DNS label); cloud resources are named and tagged with it.</summary>
    public required string Name { get; init; }

    /// <summary>SPIFFE trust domain of the federation (gateway-to-gateway identities).</summary>
    public required string TrustDomain { get; init; }

    /// <summary>Where workloads run; at least one.</summary>
    public required IReadOnlyList<Site> Sites { get; init; }

    /// <summary>The services of the mesh.</summary>
    public required IReadOnlyList<Service> Services { get; init; }

    /// <summary>Where golden signals and traces go.</summary>
    public TelemetrySettings Telemetry { get; init; } = TelemetrySettings.Default;

    /// <summary>The site with this name, or null.</summary>
    public Site? FindSite(string name)
    {
        // A loop, not LINQ: the gateway asks on every request, and a lambda capturing the name allocates.
        for (var i = 0; i < Sites.Count; i++)
        {
            if (Sites[i].Name == name)
                return Sites[i];
        }
        return null;
    }

    /// <summary>The service with this name (and namespace, when given), or null. O(1): meshes have thousands of services.</summary>
    public Service? FindService(string name, string? @namespace = null)
    {
        // No lambda or enumerator: the gateway's allow rules ask on every request.
        var named = ServiceIndex.For(Services)[name];
        if (named is IList<Service> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (@namespace is null || list[i].Namespace == @namespace)
                    return list[i];
            }
            return null;
        }
        return named.FirstOrDefault(s => @namespace is null || s.Namespace == @namespace);
    }

    /// <summary>
    /// The service whose mesh host (<see cref="Service.Host"/>, <c>name.namespace.svc.cluster.local</c>) is
    /// <paramref name="host"/>, or null. O(1), like <see cref="FindService"/>: the analysis asks once per
    /// rendered object.
    /// </summary>
    public Service? FindServiceByHost(string? host)
    {
        if (host is null || !host.EndsWith(Service.HostSuffix, StringComparison.Ordinal))
            return null;
        var qualified = host[..^Service.HostSuffix.Length];
        var dot = qualified.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 || qualified.IndexOf('.', dot + 1) >= 0 ? null : FindService(qualified[..dot], qualified[(dot + 1)..]);
    }
}
