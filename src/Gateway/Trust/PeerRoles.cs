using System.Security.Cryptography;

namespace MeshFed.Gateway.Trust;

/// <summary>The extended key usage each <see cref="PeerRole"/> requires.</summary>
public static class PeerRoles
{
    /// <summary>id-kp-serverAuth (RFC 5280 §4.2.1.12).</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>id-kp-clientAuth (RFC 5280 §4.2.1.12).</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The EKU a certificate in <paramref name="role"/> must carry.</summary>
    public static Oid RequiredUsage(this PeerRole role) => new(role == PeerRole.Server ? ServerAuthOid : ClientAuthOid);
}
