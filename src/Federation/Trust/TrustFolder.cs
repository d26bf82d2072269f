using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Trust;

namespace MeshFed.Federation.Trust;

/// <summary>
/// The federation's trust on disk, in two trees that never mix. The CA side, <c>ca/</c>: <c>root.crt</c> and
/// <c>root.key</c>, and per site <c>ca/sites/&lt;site&gt;/intermediate.crt|key</c> (plus <c>retired/</c>,
/// the certificates of renewed intermediates still pinned until they expire). The gateway side,
/// <c>sites/&lt;site&gt;/</c>: exactly <c>bundle.pem</c>, <c>gateway.crt</c> and <c>gateway.key</c>, the
/// folder that gateway reads (<c>--trust-dir</c>); no CA key is ever written there. <c>bundle.pem</c> at the
/// top is the federation bundle every gateway gets a copy of. Keys are 0600, every folder 0700.
/// </summary>
public sealed class TrustFolder(string root)
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The folder.</summary>
    public string Root { get; } = root;

    /// <summary>The CA tree: root and intermediate keys. Keep it off gateway hosts.</summary>
    public string CaFolder => Path.Combine(Root, "ca");

    /// <summary>The root certificate file.</summary>
    public string RootCertificate => Path.Combine(CaFolder, "root.crt");

    /// <summary>The root key file.</summary>
    public string RootKey => Path.Combine(CaFolder, "root.key");

    /// <summary>The federation bundle: the roots, then the pinned site intermediates.</summary>
    public string Bundle => Path.Combine(Root, TrustMaterial.BundleFile);

    /// <summary>A site gateway's folder (its <c>--trust-dir</c>): bundle, certificate and key only.</summary>
    public string GatewayFolder(string site) => Path.Combine(Root, "sites", site);

    /// <summary>A site's folder in the CA tree.</summary>
    public string SiteCaFolder(string site) => Path.Combine(CaFolder, "sites", site);

    /// <summary>A site's current intermediate certificate.</summary>
    public string IntermediateCertificate(string site) => Path.Combine(SiteCaFolder(site), "intermediate.crt");

    /// <summary>A site's current intermediate key.</summary>
    public string IntermediateKey(string site) => Path.Combine(SiteCaFolder(site), "intermediate.key");

    /// <summary>Certificates of a site's renewed intermediates, pinned until they expire unless revoked.</summary>
    public string RetiredIntermediates(string site) => Path.Combine(SiteCaFolder(site), "retired");

    /// <summary>Whether a root exists here.</summary>
    public bool HasRoot => File.Exists(RootCertificate) && File.Exists(RootKey);

    /// <summary>The root key where versions before the CA tree kept it (next to the bundle).</summary>
    public string LegacyRootKey => Path.Combine(Root, "root.key");

    /// <summary>Reads a certificate with its key.</summary>
    public static X509Certificate2 ReadWithKey(string certificateFile, string keyFile)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Writes a certificate (0644) and its private key (0600).</summary>
    public static void WriteWithKey(X509Certificate2 certificate, string certificateFile, string keyFile)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("the certificate has no ECDSA private key");
        WriteSecret(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        WritePublic(certificateFile, certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>Writes a file anyone may read, replacing it atomically.</summary>
    public static void WritePublic(string path, string text) => WriteAtomically(path, text, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    /// <summary>Writes a file only its owner may read (0600), replacing it atomically.</summary>
    public static void WriteSecret(string path, string text) => WriteAtomically(path, text, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>Creates <paramref name="folder"/> and its missing parents 0700, and tightens an existing one to 0700.</summary>
    public static void EnsurePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        var full = Path.GetFullPath(folder);
        var parent = Path.GetDirectoryName(full);
        if (parent is not null && !Directory.Exists(parent))
            EnsurePrivateFolder(parent);
        if (!Directory.Exists(full))
            Directory.CreateDirectory(full, OwnerOnlyFolder);
        // A folder that existed before (a pre-made --dir, or sites/ of an older version) may be open to others.
        if (File.GetUnixFileMode(full) != OwnerOnlyFolder)
            File.SetUnixFileMode(full, OwnerOnlyFolder);
    }

    // Write-then-rename: a gateway watching the folder never reads half a file. The temporary file is created
    // exclusively (O_EXCL: a stale file or a symlink planted under its name is removed, never followed or
    // truncated), with its final mode from the start, so a secret is never readable by others even for a moment.
    private static void WriteAtomically(string path, string text, UnixFileMode mode)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        EnsurePrivateFolder(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.Delete(temporary); // unlinks a symlink itself, not its target
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using (var stream = new FileStream(temporary, options))
        {
            // The umask may have narrowed the create mode; the file gets exactly its mode before any byte is in it.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(stream.SafeFileHandle, mode);
            using var writer = new StreamWriter(stream);
            writer.Write(text);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
