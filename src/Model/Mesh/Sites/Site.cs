namespace MeshFed.Model;

/// <summary>A place where workloads run: one cluster or mesh in one cloud region or data centre.</summary>
public sealed record Site
{
    /// <summary>Unique name (a DNS label); it appears in SPIFFE IDs and resource names.</summary>
    public required string Name { get; init; }

    /// <summary>The cloud (or on-prem) the site lives in.</summary>
    public required CloudProvider Provider { get; init; }

    /// <summary>The mesh the site runs.</summary>
    public required MeshKind Mesh { get; init; }

    /// <summary>Cloud region (required for aws; used for gcp locality).</summary>
    public string? Region { get; init; }

    /// <summary>GCP project id (required for gcp).</summary>
    public string? Project { get; init; }

    /// <summary>Network name; sites on the same network reach each other's workloads directly.</summary>
    public string? Network { get; init; }

    /// <summary>The site's meshfed gateway; required when traffic crosses to or from this site.</summary>
    public SiteGateway? Gateway { get; init; }

    /// <summary>
    /// The trust domain of the site's own mesh, in which its workloads' identities are written
    /// (<c>spiffe://&lt;meshTrustDomain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>). Default: <see cref="DefaultMeshTrustDomain"/>.
    /// </summary>
    public required string MeshTrustDomain { get; init; }

    /// <summary>
    /// While a <c>vpc-lattice</c> site moves off App Mesh: the share Lattice serves itself (the rest goes through App Mesh),
    /// and the sign that App Mesh still holds the site. Null when the site is not migrating.
    /// </summary>
    public SiteMigration? Migration { get; init; }

    /// <summary>
    /// The identity of <paramref name="service"/>'s workloads in this site's mesh: its service account (named after the
    /// service) in <see cref="MeshTrustDomain"/>, as Istio writes it (<c>spiffe://TD/ns/NS/sa/SA</c>, istio.io
    /// "Security", Istio identity).
    /// </summary>
    public string WorkloadId(Service service) => $"spiffe://{MeshTrustDomain}/ns/{service.Namespace}/sa/{service.Name}";

    /// <summary>
    /// The mesh trust domain when the manifest does not say: Cloud Service Mesh uses the fleet's workload
    /// identity pool <c>PROJECT_ID.svc.id.goog</c> (cloud.google.com/service-mesh/docs/security/security-overview),
    /// Istio and App Mesh with SPIRE default to <c>cluster.local</c> (istio.io MeshConfig <c>trustDomain</c>).
    /// </summary>
    public static string DefaultMeshTrustDomain(MeshKind mesh, string? project) =>
        mesh == MeshKind.CloudServiceMesh && project is not null ? $"{project}.svc.id.goog" : "cluster.local";
}
