using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>The controller's MeshSpec.</summary>
/// <param name="AwsName">The App Mesh name.</param>
/// <param name="NamespaceSelector">The namespaces that join the mesh (by label, as the sidecar injector expects).</param>
/// <param name="EgressFilter">As the API's.</param>
internal sealed record CrdMeshSpec(string AwsName, LabelSelector NamespaceSelector, EgressFilter EgressFilter) : CrdSpec;
