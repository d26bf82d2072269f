namespace MeshFed.Model;

/// <summary>The Lattice listener of one service port.</summary>
/// <param name="Name">The listener's name within its service (<c>http-8080</c>).</param>
/// <param name="Protocol">HTTP for HTTP/1.1 ports; HTTPS for HTTP/2 and gRPC ports.</param>
/// <param name="Port">The service port: callers keep the port they use.</param>
public sealed record LatticeListener(string Name, LatticeListenerProtocol Protocol, int Port)
{
    /// <summary>The URI scheme callers (and the meshfed gateway) use on it.</summary>
    public string Scheme => Protocol == LatticeListenerProtocol.Https ? "https" : "http";
}
