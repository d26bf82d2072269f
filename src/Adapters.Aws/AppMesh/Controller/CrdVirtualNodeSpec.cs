using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>The controller's VirtualNodeSpec.</summary>
/// <param name="AwsName">The App Mesh name.</param>
/// <param name="PodSelector">The pods it stands for (local versions only).</param>
/// <param name="Listeners">As the API's.</param>
/// <param name="ServiceDiscovery">As the API's.</param>
/// <param name="Backends">The API's, referring to virtual service custom resources.</param>
internal sealed record CrdVirtualNodeSpec(
    string AwsName,
    LabelSelector? PodSelector,
    IReadOnlyList<Listener> Listeners,
    ServiceDiscovery ServiceDiscovery,
    IReadOnlyList<CrdBackend>? Backends) : CrdSpec;

/// <summary>The controller's Backend.</summary>
/// <param name="VirtualService">The virtual service called.</param>
internal sealed record CrdBackend(CrdVirtualServiceBackend VirtualService);

/// <summary>The controller's VirtualServiceBackend.</summary>
/// <param name="VirtualServiceRef">The virtual service's custom resource.</param>
/// <param name="ClientPolicy">As the API's.</param>
internal sealed record CrdVirtualServiceBackend(CrdReference VirtualServiceRef, ClientPolicy? ClientPolicy);
