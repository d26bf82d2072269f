using System.Security.Cryptography;
using System.Text;

namespace MeshFed.Gateway.Trust;

/// <summary>The three files of a gateway's trust folder, as read at one moment, and a digest of their content.</summary>
/// <param name="Folder">Where they were read.</param>
/// <param name="BundlePem">bundle.pem: the federation roots and the pinned site intermediates.</param>
/// <param name="CertificatePem">gateway.crt: the SVID followed by its site's intermediate.</param>
/// <param name="KeyPem">gateway.key: the SVID's private key.</param>
public sealed record TrustFiles(string Folder, string BundlePem, string CertificatePem, string KeyPem)
{
    /// <summary>SHA-256 over the three files' content: a rotation is detected by what changed, not by counts or times.</summary>
    public string Digest => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{BundlePem}\0{CertificatePem}\0{KeyPem}")));

    /// <summary>Reads the files.</summary>
    /// <exception cref="TrustMaterialException">A file is missing or this process may not read it.</exception>
    public static TrustFiles Read(string folder) =>
        new(folder, ReadOne(folder, TrustMaterial.BundleFile), ReadOne(folder, TrustMaterial.CertificateFile), ReadOne(folder, TrustMaterial.KeyFile));

    private static string ReadOne(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (Directory.Exists(path))
            throw new TrustMaterialException($"{path}: is a folder, not a file.");
        if (!File.Exists(path))
            throw new TrustMaterialException($"{path}: missing. Create it with 'meshfed trust init' and 'meshfed trust issue'.");
        try
        {
            return File.ReadAllText(path);
        }
        catch (UnauthorizedAccessException)
        {
            // The usual cause: the file was rotated by another user and left owner-only (docs/security.md, Rotation).
            throw new TrustMaterialException($"{path}: this process ({Environment.UserName}) may not read it. Rotate the trust files as the gateway's user, or make them readable by it (mode 0600, owned by the gateway's user).");
        }
        catch (IOException e)
        {
            throw new TrustMaterialException($"{path}: cannot be read ({e.Message}).");
        }
    }
}
