namespace MeshFed.Gateway.Trust;

/// <summary>
/// Which end of a federation connection a verified certificate is on, and so which extended key usage it must
/// carry (RFC 5280 §4.2.1.12: id-kp-serverAuth for a TLS server, id-kp-clientAuth for a TLS client).
/// </summary>
public enum PeerRole
{
    /// <summary>A caller presenting a client certificate to the peer listener: clientAuth.</summary>
    Client,

    /// <summary>The gateway this one dialled, presenting its server certificate: serverAuth.</summary>
    Server,
}
