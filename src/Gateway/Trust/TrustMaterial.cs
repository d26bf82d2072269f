using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// What a gateway needs for federation mTLS, read from its trust folder: the federation bundle (the roots it
/// trusts and the site intermediates pinned under them), its own SVID with the private key, and the
/// intermediate that chains the SVID to the bundle.
/// </summary>
public sealed class TrustMaterial
{
    /// <summary>The file with the federation's root certificates and the pinned site intermediates.</summary>
    public const string BundleFile = "bundle.pem";

    /// <summary>The file with the gateway's SVID followed by its intermediates.</summary>
    public const string CertificateFile = "gateway.crt";

    /// <summary>The file with the SVID's private key (PKCS#8 PEM).</summary>
    public const string KeyFile = "gateway.key";

    private TrustMaterial(X509Certificate2Collection bundle, X509Certificate2 certificate, X509Certificate2Collection intermediates)
    {
        Roots = [.. bundle.Where(SiteBinding.IsRoot)];
        SiteIntermediates = [.. bundle.Where(c => !SiteBinding.IsRoot(c))];
        BundleThumbprints = [.. bundle.Select(c => c.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)).Order(StringComparer.Ordinal)];
        Certificate = certificate;
        Intermediates = intermediates;
        Context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
        Identity = SpiffeId.FromCertificate(certificate);
    }

    /// <summary>The federation's trust anchors (the self-issued certificates of the bundle).</summary>
    public X509Certificate2Collection Roots { get; }

    /// <summary>
    /// The site intermediates pinned in the bundle: the only CAs whose leaves are accepted. An intermediate
    /// that is not here (a removed or revoked site's, one presented by a peer) signs nothing this gateway takes.
    /// </summary>
    public X509Certificate2Collection SiteIntermediates { get; }

    /// <summary>SHA-256 thumbprints of every bundle certificate, sorted: the bundle's content, for comparing rotations.</summary>
    public IReadOnlyList<string> BundleThumbprints { get; }

    /// <summary>This gateway's SVID, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Certificates between the SVID and the bundle, sent with it in the handshake.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The SVID and its chain, ready for <see cref="SslStream"/> (server and client side).</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>The SVID's SPIFFE ID.</summary>
    public SpiffeId? Identity { get; }

    /// <summary>When the SVID stops being valid.</summary>
    public DateTimeOffset NotAfter => Certificate.NotAfter;

    /// <summary>Reads <see cref="BundleFile"/>, <see cref="CertificateFile"/> and <see cref="KeyFile"/> from a folder.</summary>
    /// <exception cref="TrustMaterialException">A file is missing, unreadable or does not hold what it should.</exception>
    public static TrustMaterial Load(string folder) => FromFiles(TrustFiles.Read(folder));

    /// <summary>Builds the material from files already read.</summary>
    /// <exception cref="TrustMaterialException">A file does not hold what it should.</exception>
    public static TrustMaterial FromFiles(TrustFiles files) => FromPem(files.BundlePem, files.CertificatePem, files.KeyPem, files.Folder);

    /// <summary>Builds the material from PEM text.</summary>
    /// <exception cref="TrustMaterialException">The text does not hold what it should.</exception>
    public static TrustMaterial FromPem(string bundlePem, string certificateChainPem, string keyPem, string source = "trust material")
    {
        var bundle = new X509Certificate2Collection();
        var chain = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(bundlePem);
            chain.ImportFromPem(certificateChainPem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new TrustMaterialException($"{source}: a certificate cannot be read ({e.Message}).");
        }
        if (bundle.Count == 0)
            throw new TrustMaterialException($"{source}/{BundleFile}: no certificate in it.");
        if (chain.Count == 0)
            throw new TrustMaterialException($"{source}/{CertificateFile}: no certificate in it.");
        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificateChainPem, keyPem);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new TrustMaterialException($"{source}/{KeyFile}: the key cannot be read or does not match the certificate ({e.Message}).");
        }
        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
            intermediates.Add(chain[i]);
        // An ephemeral key from PEM cannot be used by SslStream on every platform; a PKCS#12 round trip makes
        // it a key SslStream accepts (the documented workaround).
        var usable = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
        return new TrustMaterial(bundle, usable, intermediates);
    }
}

/// <summary>Trust material that is missing or malformed.</summary>
public sealed class TrustMaterialException(string message) : Exception(message);
