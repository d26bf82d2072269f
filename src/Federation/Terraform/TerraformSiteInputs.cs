using System.Text.Json.Serialization;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// The manifest's part of one site's Terraform inputs: the body of <c>&lt;site&gt;/terraform.tfvars.json</c>.
/// Property names are the modules' variable names (terraform/modules/*/variables.tf); what the manifest cannot
/// know (VPC, subnets, cluster, image) the user passes beside it.
/// </summary>
public sealed record TerraformSiteInputs
{
    /// <summary>The mesh's name.</summary>
    [JsonPropertyName("mesh_name")] public required string MeshName { get; init; }

    /// <summary>The site's name.</summary>
    [JsonPropertyName("site_name")] public required string SiteName { get; init; }

    /// <summary>aws, gcp or onprem: which module these inputs are for.</summary>
    [JsonPropertyName("site_provider")] public required string SiteProvider { get; init; }

    /// <summary>The site's mesh (appmesh, istio, ...).</summary>
    [JsonPropertyName("mesh_kind")] public required string MeshKind { get; init; }

    /// <summary>
    /// The manifest's <c>gateway.platform</c> in the module's words (aws: ecs, eks; gcp: gke, mig; onprem:
    /// kubernetes, vm): what the module creates (<see cref="ModulePlatform"/>).
    /// </summary>
    [JsonPropertyName("platform")] public required string Platform { get; init; }

    /// <summary>Cloud region (aws, gcp); absent on-prem.</summary>
    [JsonPropertyName("region"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Region { get; init; }

    /// <summary>GCP project id; gcp only.</summary>
    [JsonPropertyName("project"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Project { get; init; }

    /// <summary>This site's gateway: its address and listener ports.</summary>
    [JsonPropertyName("gateway")] public required GatewayInputs Gateway { get; init; }

    /// <summary>The other sites' gateways, in manifest order.</summary>
    [JsonPropertyName("peers")] public required IReadOnlyList<PeerInputs> Peers { get; init; }

    /// <summary>The CIDRs the peer listener admits: the peers' IP addresses as /32 (/128).</summary>
    [JsonPropertyName("peer_cidrs")] public required IReadOnlyList<string> PeerCidrs { get; init; }

    /// <summary>Peers whose address is a DNS name: the module needs their CIDRs in <c>extra_peer_cidrs</c>.</summary>
    [JsonPropertyName("unresolved_peers")] public required IReadOnlyList<string> UnresolvedPeers { get; init; }

    /// <summary>SPIFFE trust domain of the federation.</summary>
    [JsonPropertyName("trust_domain")] public required string TrustDomain { get; init; }

    /// <summary>This site's gateway SPIFFE ID.</summary>
    [JsonPropertyName("spiffe_id")] public required string SpiffeId { get; init; }

    /// <summary>Names of the secrets holding the trust files (aws, gcp); absent on-prem.</summary>
    [JsonPropertyName("trust_secrets"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TrustSecretNames? TrustSecrets { get; init; }

    /// <summary>Where the gateway sends golden signals and spans.</summary>
    [JsonPropertyName("telemetry")] public required TelemetryInputs Telemetry { get; init; }

    /// <summary>The App Mesh virtual gateway beside the meshfed gateway; App Mesh sites only.</summary>
    [JsonPropertyName("app_mesh"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AppMeshInputs? AppMesh { get; init; }

    /// <summary>VPC Lattice sites: the service network, the gateway's target groups and its principal tag; null otherwise.</summary>
    [JsonPropertyName("lattice"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public LatticeInputs? Lattice { get; init; }

    /// <summary>Where the gateway runs in the cluster; platforms eks, gke and kubernetes only.</summary>
    [JsonPropertyName("kubernetes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public KubernetesInputs? Kubernetes { get; init; }
}
