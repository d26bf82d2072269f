namespace MeshFed.Model;

/// <summary>The protocol of a Lattice listener (the Smithy model's ListenerProtocol).</summary>
public enum LatticeListenerProtocol
{
    /// <summary>Cleartext HTTP/1.1.</summary>
    [WireName("HTTP")] Http,

    /// <summary>TLS terminated by Lattice; HTTP/1.1 or HTTP/2 chosen by ALPN.</summary>
    [WireName("HTTPS")] Https,
}
