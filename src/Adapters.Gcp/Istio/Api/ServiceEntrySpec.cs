using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// A ServiceEntry (istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry): a host added to
/// the mesh's registry, with its ports and, for STATIC or DNS resolution of listed endpoints, its endpoints.
/// </summary>
/// <param name="Hosts">The hosts.</param>
/// <param name="Location">Inside the mesh or outside it.</param>
/// <param name="Ports">The ports.</param>
/// <param name="Resolution">How endpoints' addresses are resolved.</param>
/// <param name="Endpoints">The endpoints; none: the hosts themselves (DNS).</param>
public sealed record ServiceEntrySpec(
    IReadOnlyList<string> Hosts,
    ServiceEntryLocation Location,
    IReadOnlyList<ServicePort> Ports,
    ServiceEntryResolution Resolution,
    IReadOnlyList<WorkloadEntry>? Endpoints = null) : IstioSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string ApiVersion => NetworkingApi;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => "ServiceEntry";
}

/// <summary>service-entry/#ServiceEntry-Location.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServiceEntryLocation>))]
public enum ServiceEntryLocation
{
    /// <summary>Outside the mesh: callers' sidecars do not originate Istio mTLS to it.</summary>
    [JsonStringEnumMemberName("MESH_EXTERNAL")] MeshExternal,

    /// <summary>Part of the mesh: Istio mTLS and the mesh's policies apply.</summary>
    [JsonStringEnumMemberName("MESH_INTERNAL")] MeshInternal,
}

/// <summary>service-entry/#ServiceEntry-Resolution, the values meshfed writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServiceEntryResolution>))]
public enum ServiceEntryResolution
{
    /// <summary>The endpoints' addresses are IPs.</summary>
    [JsonStringEnumMemberName("STATIC")] Static,

    /// <summary>The endpoints' (or hosts') names are resolved by DNS.</summary>
    [JsonStringEnumMemberName("DNS")] Dns,
}

/// <summary>
/// A port of the host (service-entry/#ServicePort). Its name starts with the protocol (<c>http-8080</c>), which
/// Istio also reads for protocol selection.
/// </summary>
/// <param name="Number">The port, written as a number.</param>
/// <param name="Protocol"><c>HTTP</c>, <c>HTTP2</c>, <c>GRPC</c>, <c>HTTPS</c> or <c>TCP</c>.</param>
/// <param name="Name">The port's name, which endpoints' <c>ports</c> refer to.</param>
public sealed record ServicePort(int Number, string Protocol, string Name);

/// <summary>
/// An endpoint of a ServiceEntry (istio.io/latest/docs/reference/config/networking/workload-entry/#WorkloadEntry,
/// the same shape as a WorkloadEntry's spec).
/// </summary>
/// <param name="Address">An IP or a DNS name.</param>
/// <param name="Labels">The endpoint's labels (subsets select on them).</param>
/// <param name="Ports">Port numbers on the endpoint, by the ServiceEntry port's name, written as numbers.</param>
public sealed record WorkloadEntry(string Address, IReadOnlyDictionary<string, string>? Labels = null, IReadOnlyDictionary<string, int>? Ports = null);
