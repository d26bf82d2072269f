using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>
/// The spec of one custom resource of the App Mesh controller for Kubernetes (<c>appmesh.k8s.aws/v1beta2</c>,
/// aws-app-mesh-controller-for-k8s <c>apis/appmesh/v1beta2</c>; docs/reference/api_spec.md). Its shapes are
/// the API's (<see cref="Api"/>) except where the controller refers to other custom resources instead of
/// App Mesh names; those levels have their own records here, the rest are the API records themselves.
/// Derived types are listed without a discriminator, so a spec serialises as exactly its own members.
/// </summary>
[JsonDerivedType(typeof(CrdMeshSpec))]
[JsonDerivedType(typeof(CrdVirtualNodeSpec))]
[JsonDerivedType(typeof(CrdVirtualRouterSpec))]
[JsonDerivedType(typeof(CrdVirtualServiceSpec))]
[JsonDerivedType(typeof(CrdVirtualGatewaySpec))]
[JsonDerivedType(typeof(CrdGatewayRouteSpec))]
internal abstract record CrdSpec;

/// <summary>A reference to another custom resource (the controller's VirtualNodeReference, VirtualServiceReference, VirtualRouterReference).</summary>
/// <param name="Name">Its Kubernetes name.</param>
/// <param name="Namespace">Its namespace.</param>
internal sealed record CrdReference(string Name, string? Namespace);

/// <summary>A Kubernetes label selector (meta/v1 LabelSelector), by labels only.</summary>
/// <param name="MatchLabels">Labels, in the order written.</param>
internal sealed record LabelSelector(IReadOnlyDictionary<string, string> MatchLabels);
