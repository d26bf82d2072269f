namespace MeshFed.Adapters.Gcp.Istio;

/// <summary>Settings of a render that are about the target cluster, not the mesh.</summary>
public sealed record IstioRenderOptions
{
    /// <summary>Defaults: the site's own mesh kind decides the profile. (The mesh trust domain is the site's <c>meshTrustDomain</c>.)</summary>
    public static IstioRenderOptions Default { get; } = new();

    /// <summary>Overrides the profile the site's <c>mesh</c> implies (e.g. <c>--profile cloud-service-mesh</c>).</summary>
    public IstioProfile? Profile { get; init; }

    /// <summary>
    /// The pod label that names a workload's service (selector of policies). Workloads' service accounts
    /// are assumed to be named after their service, the Istio convention.
    /// </summary>
    public string AppLabel { get; init; } = "app";

    /// <summary>The pod label that carries the version (Istio subsets select on it).</summary>
    public string VersionLabel { get; init; } = "version";
}
