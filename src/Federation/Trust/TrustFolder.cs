using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Trust;

namespace MeshFed.Federation.Trust;

/// <summary>
/// The federation's trust on disk. <c>root.crt</c>/<c>root.key</c> and <c>bundle.pem</c> at the top; per site
/// <c>sites/&lt;site&gt;/</c> with the intermediate and, once issued, a folder a gateway can use as it is
/// (<c>bundle.pem</c>, <c>gateway.crt</c>, <c>gateway.key</c>). Private keys are written 0600, folders 0700.
/// </summary>
public sealed class TrustFolder(string root)
{
    /// <summary>The folder.</summary>
    public string Root { get; } = root;

    /// <summary>The root certificate file.</summary>
    public string RootCertificate => Path.Combine(Root, "root.crt");

    /// <summary>The root key file.</summary>
    public string RootKey => Path.Combine(Root, "root.key");

    /// <summary>The federation bundle (the roots every gateway trusts).</summary>
    public string Bundle => Path.Combine(Root, TrustMaterial.BundleFile);

    /// <summary>A site's folder, usable as that gateway's <c>--trust-dir</c> once an SVID is issued.</summary>
    public string SiteFolder(string site) => Path.Combine(Root, "sites", site);

    /// <summary>A site's intermediate certificate.</summary>
    public string IntermediateCertificate(string site) => Path.Combine(SiteFolder(site), "intermediate.crt");

    /// <summary>A site's intermediate key.</summary>
    public string IntermediateKey(string site) => Path.Combine(SiteFolder(site), "intermediate.key");

    /// <summary>Whether a root exists here.</summary>
    public bool HasRoot => File.Exists(RootCertificate) && File.Exists(RootKey);

    /// <summary>Reads a certificate with its key.</summary>
    public static X509Certificate2 ReadWithKey(string certificateFile, string keyFile)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Writes a certificate (0644) and its private key (0600).</summary>
    public static void WriteWithKey(X509Certificate2 certificate, string certificateFile, string keyFile, params X509Certificate2[] chain)
    {
        WritePublic(certificateFile, string.Concat(new[] { certificate }.Concat(chain).Select(c => c.ExportCertificatePem() + "\n")));
        using var key = certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("the certificate has no ECDSA private key");
        WriteSecret(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>Writes a file anyone may read, replacing it atomically.</summary>
    public static void WritePublic(string path, string text) => WriteAtomically(path, text, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    /// <summary>Writes a file only its owner may read (0600), replacing it atomically.</summary>
    public static void WriteSecret(string path, string text) => WriteAtomically(path, text, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    // Write-then-rename: a gateway watching the folder never reads half a file, and the mode is set before
    // the secret is written, so it is never readable by others even for a moment.
    private static void WriteAtomically(string path, string text, UnixFileMode mode)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, mode);
        File.Move(temporary, path, overwrite: true);
    }
}
