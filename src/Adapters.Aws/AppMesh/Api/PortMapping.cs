namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>
/// A listener's port and protocol (API shapes PortMapping, and VirtualGatewayPortMapping, which has the same
/// members).
/// </summary>
/// <param name="Port">The port.</param>
/// <param name="Protocol"><c>http</c>, <c>http2</c>, <c>grpc</c> or <c>tcp</c>.</param>
public sealed record PortMapping(int Port, string Protocol);
