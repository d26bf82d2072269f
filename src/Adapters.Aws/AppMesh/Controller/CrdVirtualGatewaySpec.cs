using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>The controller's VirtualGatewaySpec.</summary>
/// <param name="AwsName">The App Mesh name.</param>
/// <param name="PodSelector">The gateway's pods.</param>
/// <param name="NamespaceSelector">The namespaces whose gateway routes it takes.</param>
/// <param name="Listeners">As the API's.</param>
/// <param name="BackendDefaults">As the API's.</param>
internal sealed record CrdVirtualGatewaySpec(
    string AwsName,
    LabelSelector PodSelector,
    LabelSelector NamespaceSelector,
    IReadOnlyList<VirtualGatewayListener> Listeners,
    VirtualGatewayBackendDefaults BackendDefaults) : CrdSpec;
