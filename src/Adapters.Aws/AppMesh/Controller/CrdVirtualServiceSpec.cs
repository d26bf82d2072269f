namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>The controller's VirtualServiceSpec.</summary>
/// <param name="AwsName">The App Mesh name.</param>
/// <param name="Provider">Its router.</param>
internal sealed record CrdVirtualServiceSpec(string AwsName, CrdVirtualServiceProvider Provider) : CrdSpec;

/// <summary>The controller's VirtualServiceProvider.</summary>
/// <param name="VirtualRouter">The router.</param>
internal sealed record CrdVirtualServiceProvider(CrdVirtualRouterServiceProvider VirtualRouter);

/// <summary>The controller's VirtualRouterServiceProvider.</summary>
/// <param name="VirtualRouterRef">The router's custom resource.</param>
internal sealed record CrdVirtualRouterServiceProvider(CrdReference VirtualRouterRef);
