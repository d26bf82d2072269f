using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Certificates made in the test, as an attacker holding some CA key would make them (CertificateRequest, the
/// way the security review forged them): any URI SAN written byte for byte (no System.Uri normalisation), any
/// EKU, any issuer.
/// </summary>
internal static class ForgedCertificates
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>A leaf with exactly <paramref name="uri"/> as URI SAN, signed by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 Leaf(X509Certificate2 issuer, string uri, string[]? usages = null, DateTimeOffset? notBefore = null, TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=forged", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        var ekus = new OidCollection();
        foreach (var usage in usages ?? [ServerAuth, ClientAuth])
            ekus.Add(new Oid(usage));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, critical: false));
        request.CertificateExtensions.Add(UriSan(uri));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var start = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-1);
        var end = start + (lifetime ?? TimeSpan.FromHours(1));
        if (end > issuer.NotAfter)
            end = issuer.NotAfter;
        using var issued = request.Create(issuer, start, end, RandomNumberGenerator.GetBytes(16));
        // A PKCS#12 round trip gives a key SslStream accepts on every platform.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A subject alternative name with one URI, exactly as given.</summary>
    public static X509Extension UriSan(string uri)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        return new X509Extension("2.5.29.17", writer.Encode(), critical: false);
    }
}
