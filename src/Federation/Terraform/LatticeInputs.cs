using System.Text.Json.Serialization;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Lattice.GatewayApi;
using MeshFed.Model;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// The VPC Lattice side of a Lattice site's gateway, named as <see cref="LatticeAddressing"/> names it: the mesh's
/// service network, the gateway's target groups and the principal tag the auth policies admit the gateway's role by.
/// </summary>
public sealed record LatticeInputs
{
    /// <summary>The mesh's service network.</summary>
    [JsonPropertyName("service_network")] public required string ServiceNetwork { get; init; }

    /// <summary>
    /// The gateway's target groups: one per service whose callers here send a share to another site
    /// (<see cref="SiteView.SendsToOtherSites"/>), and per HTTP version of its listened ports; the service's Lattice
    /// service forwards that share to the gateway through them. Exactly the ones <c>meshfed apply</c> creates: the
    /// module wants the ARN of each (<c>lattice_gateway_target_group_arns</c>), so one listed here that apply never
    /// created would stop <c>terraform plan</c>.
    /// </summary>
    [JsonPropertyName("gateway_target_groups")] public required IReadOnlyList<LatticeTargetGroupInputs> GatewayTargetGroups { get; init; }

    /// <summary>
    /// On EKS: the Kubernetes Services in front of the gateway's local listener that the gateway-api/ rendering's
    /// routes name as backendRefs (<see cref="GatewayApiNames.GatewayService"/>), one per HTTP version the gateway's
    /// target groups use; the AWS Gateway API Controller registers the pods behind them in the Lattice target groups.
    /// </summary>
    [JsonPropertyName("gateway_services")] public required IReadOnlyList<LatticeTargetGroupInputs> GatewayServices { get; init; }

    /// <summary>
    /// During a migration from App Mesh: the target groups through which Lattice hands services' App Mesh shares to the
    /// ingress virtual gateway in the gateway's task or pod (port <see cref="DataPath.AppMeshIngressPort"/>), as the
    /// Lattice rendering creates them (<see cref="LatticeRendering.AppMeshIngressTargetGroups"/>); empty otherwise. The
    /// module registers the gateway in them (ECS) or puts the Service <see cref="DataPath.AppMeshIngressGateway"/> in
    /// front of its pods (EKS), so the migration needs no manual registration (docs/migration.md).
    /// </summary>
    [JsonPropertyName("app_mesh_ingress_target_groups")] public required IReadOnlyList<LatticeTargetGroupInputs> AppMeshIngressTargetGroups { get; init; }

    /// <summary>The IAM principal tags of the gateway's role (<see cref="LatticeAddressing.GatewayPrincipalTagKey"/>).</summary>
    [JsonPropertyName("gateway_principal_tags")] public required IReadOnlyDictionary<string, string> GatewayPrincipalTags { get; init; }

    /// <summary>The inputs of <paramref name="site"/>, a VPC Lattice site of <paramref name="mesh"/>.</summary>
    public static LatticeInputs For(FederatedMesh mesh, Site site) => For(new SiteView(mesh, site));

    private static LatticeInputs For(SiteView view)
    {
        List<LatticeTargetGroupInputs> groups = [.. view.VisibleServices
            .Where(view.SendsToOtherSites)
            .SelectMany(s => s.Ports.Where(p => LatticeAddressing.Listener(p) is not null)
                .Select(p => new LatticeTargetGroupInputs(LatticeAddressing.GatewayTargetGroupName(view.Mesh, view.Site, s, p), p.IsHttp2 ? Http2 : Http1)))
            .DistinctBy(t => t.Name)
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
        return new()
        {
            ServiceNetwork = LatticeAddressing.ServiceNetworkName(view.Mesh),
            GatewayTargetGroups = groups,
            GatewayServices = [.. groups.Select(g => g.ProtocolVersion).Distinct().Order(StringComparer.Ordinal)
                .Select(version => new LatticeTargetGroupInputs(GatewayApiNames.GatewayService(http2: version == Http2), version))],
            AppMeshIngressTargetGroups = [.. LatticeTranslator.Translate(view.Mesh, view.Site.Name).AppMeshIngressTargetGroups
                .Select(g => new LatticeTargetGroupInputs(g.Name, g.Config.ProtocolVersion == TargetGroupProtocolVersion.Http2 ? Http2 : Http1))
                .OrderBy(t => t.Name, StringComparer.Ordinal)],
            GatewayPrincipalTags = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [LatticeAddressing.GatewayPrincipalTagKey] = LatticeAddressing.GatewayPrincipalTagValue(view.Mesh, view.Site),
            },
        };
    }

    private const string Http1 = "HTTP1";
    private const string Http2 = "HTTP2";
}

/// <summary>One of the gateway's target groups, or on EKS one of the Kubernetes Services the controller makes them from.</summary>
/// <param name="Name">Its name.</param>
/// <param name="ProtocolVersion"><c>HTTP1</c> or <c>HTTP2</c> (cleartext h2c to the gateway's local listener).</param>
public sealed record LatticeTargetGroupInputs(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("protocol_version")] string ProtocolVersion);
