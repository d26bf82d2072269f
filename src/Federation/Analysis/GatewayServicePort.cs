namespace MeshFed.Federation.Analysis;

/// <summary>A port of the Kubernetes Service in front of the gateway's pods.</summary>
/// <param name="Name">The port's name; Istio reads the protocol from its prefix.</param>
/// <param name="Number">The port number (service port = target port in the modules).</param>
internal sealed record GatewayServicePort(string Name, int Number)
{
    /// <summary>
    /// The protocol Istio's sidecars speak to this port, from the name's prefix (<c>name: &lt;protocol&gt;[-&lt;suffix&gt;]</c>,
    /// istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/#explicit-protocol-selection):
    /// <c>http</c> is "plaintext HTTP/1.1" on a sidecar, <c>http2</c>, <c>grpc</c> and <c>grpc-web</c> are HTTP/2.
    /// </summary>
    public string IstioProtocol
    {
        get
        {
            var prefix = Name.Split('-')[0];
            return prefix switch
            {
                "http" => "HTTP/1.1",
                "http2" or "grpc" or "h2c" => "HTTP/2",
                "tls" or "https" => "TLS",
                _ => "TCP",
            };
        }
    }
}
