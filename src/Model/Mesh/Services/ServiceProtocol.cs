namespace MeshFed.Model;

/// <summary>The application protocol of a service port.</summary>
public enum ServiceProtocol
{
    /// <summary>HTTP/1.1.</summary>
    [WireName("http")] Http,
    /// <summary>HTTP/2 (cleartext inside the mesh).</summary>
    [WireName("http2")] Http2,
    /// <summary>gRPC over HTTP/2.</summary>
    [WireName("grpc")] Grpc,
    /// <summary>Opaque TCP: no request-level routing.</summary>
    [WireName("tcp")] Tcp,
}
