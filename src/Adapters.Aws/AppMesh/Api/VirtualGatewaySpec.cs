using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A virtual gateway (API shape VirtualGatewaySpec; declared in meshfed's written order).</summary>
/// <param name="Listeners">Its one listener.</param>
/// <param name="BackendDefaults">How it connects to every backend.</param>
public sealed record VirtualGatewaySpec(IReadOnlyList<VirtualGatewayListener> Listeners, VirtualGatewayBackendDefaults BackendDefaults) : AppMeshSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override AppMeshResourceKind Kind => AppMeshResourceKind.VirtualGateway;
}

/// <summary>API shape VirtualGatewayListener (meshfed sets only the port mapping).</summary>
/// <param name="PortMapping">Port and protocol (VirtualGatewayPortMapping).</param>
public sealed record VirtualGatewayListener(PortMapping PortMapping);

/// <summary>API shape VirtualGatewayBackendDefaults.</summary>
/// <param name="ClientPolicy">The TLS it originates (VirtualGatewayClientPolicy).</param>
public sealed record VirtualGatewayBackendDefaults(ClientPolicy ClientPolicy);
