using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Trust;

namespace MeshFed.Federation.Trust;

/// <summary>
/// Issues the federation's certificates (ECDSA P-256): a root per federation, an intermediate per site, and
/// short-lived X.509 SVIDs for the sites' gateways, shaped as the SPIFFE X509-SVID specification says
/// (exactly one URI SAN). The root carries the trust domain; each site's intermediate carries
/// <c>spiffe://&lt;td&gt;/site/&lt;site&gt;</c>, which binds it to the one site whose gateway it may sign for
/// (<see cref="SiteBinding"/>; SPIFFE X509-SVID spec §3.2: a signing certificate may carry a SPIFFE ID).
/// </summary>
public static class FederationCa
{
    private static readonly Oid s_serverAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid s_clientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A self-signed root for <paramref name="trustDomain"/>.</summary>
    public static X509Certificate2 CreateRoot(string trustDomain, TimeSpan lifetime, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest($"CN=meshfed federation root, O={trustDomain}", key, $"spiffe://{trustDomain}", pathLength: 1);
        return request.CreateSelfSigned(now.AddMinutes(-5), now + lifetime);
    }

    /// <summary>A site's intermediate CA, signed by <paramref name="root"/> and bound to <paramref name="site"/>; it may sign only leaf SVIDs.</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 root, string trustDomain, string site, TimeSpan lifetime, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A renewed intermediate has a new key but the same site: a distinct subject (and the authority key
        // identifier on every leaf) keeps chain building from picking the other one of the two pinned.
        var request = CaRequest($"CN=meshfed site {site} {now.UtcDateTime:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}, O={trustDomain}", key, SiteBinding.IdOf(trustDomain, site), pathLength: 0);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var notAfter = Min(now + lifetime, root.NotAfter);
        using var issued = request.Create(root, Max(now.AddMinutes(-5), root.NotBefore), notAfter, SerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>An X.509 SVID for <paramref name="spiffeId"/>, signed by <paramref name="issuer"/>, with an optional DNS name.</summary>
    public static X509Certificate2 CreateSvid(X509Certificate2 issuer, string spiffeId, TimeSpan lifetime, DateTimeOffset now, string? dnsName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={spiffeId}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([s_serverAuth, s_clientAuth], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(spiffeId));
        // The SPIFFE spec allows DNS SANs beside the one URI SAN; a DNS name lets tools that verify only host
        // names (nginx, curl, load balancers' health checks) verify the gateway too.
        if (dnsName is not null)
            names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build(critical: false));
        var notAfter = Min(now + lifetime, issuer.NotAfter);
        using var issued = request.Create(issuer, Max(now.AddMinutes(-1), issuer.NotBefore), notAfter, SerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    private static CertificateRequest CaRequest(string subject, ECDsa key, string spiffeId, int pathLength)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(spiffeId));
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    // An issued certificate may not start before its issuer.
    private static DateTimeOffset Max(DateTimeOffset a, DateTime b) => a > b ? a : new DateTimeOffset(b.ToUniversalTime(), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < b ? a : new DateTimeOffset(b.ToUniversalTime(), TimeSpan.Zero);

    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        return serial;
    }
}
