using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A virtual node (API shape VirtualNodeSpec).</summary>
/// <param name="Listeners">Its listeners.</param>
/// <param name="ServiceDiscovery">How callers' Envoys find its endpoints.</param>
/// <param name="Backends">The virtual services it may call (null: none).</param>
public sealed record VirtualNodeSpec(
    IReadOnlyList<Listener> Listeners,
    ServiceDiscovery ServiceDiscovery,
    IReadOnlyList<Backend>? Backends = null) : AppMeshSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override AppMeshResourceKind Kind => AppMeshResourceKind.VirtualNode;
}

/// <summary>API union ServiceDiscovery: exactly one member is set.</summary>
/// <param name="Dns">By DNS name.</param>
/// <param name="AwsCloudMap">By Cloud Map namespace and service.</param>
public sealed record ServiceDiscovery(DnsServiceDiscovery? Dns = null, AwsCloudMapServiceDiscovery? AwsCloudMap = null);

/// <summary>API shape DnsServiceDiscovery.</summary>
/// <param name="Hostname">The DNS name.</param>
public sealed record DnsServiceDiscovery(string Hostname);

/// <summary>API shape AwsCloudMapServiceDiscovery.</summary>
/// <param name="NamespaceName">The Cloud Map namespace.</param>
/// <param name="ServiceName">The Cloud Map service.</param>
public sealed record AwsCloudMapServiceDiscovery(string NamespaceName, string ServiceName);

/// <summary>API union Backend (its one member).</summary>
/// <param name="VirtualService">The virtual service called.</param>
public sealed record Backend(VirtualServiceBackend VirtualService);

/// <summary>API shape VirtualServiceBackend.</summary>
/// <param name="VirtualServiceName">The virtual service's name.</param>
/// <param name="ClientPolicy">How the caller's Envoy connects to it (null: App Mesh's default, plain text).</param>
public sealed record VirtualServiceBackend(string VirtualServiceName, ClientPolicy? ClientPolicy = null);
