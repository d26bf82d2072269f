using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Trust;
using MeshFed.Model;

namespace MeshFed.Federation.Trust;

/// <summary>
/// The federation bundle: the root, then the intermediates a gateway accepts leaves from, i.e. for each site
/// of the manifest its current intermediate and its renewed ones not yet expired (nor revoked). A site that
/// leaves the manifest leaves the bundle, so nothing it signs is accepted any more; a revoked intermediate is
/// simply no longer listed (docs/security.md, "Revocation").
/// </summary>
public static class TrustBundle
{
    /// <summary>The bundle's PEM text as of <paramref name="now"/>.</summary>
    public static string Text(FederatedMesh mesh, TrustFolder folder, DateTimeOffset now)
    {
        var pinned = new List<X509Certificate2> { X509CertificateLoader.LoadCertificateFromFile(folder.RootCertificate) };
        foreach (var site in mesh.Sites)
        {
            var current = folder.IntermediateCertificate(site.Name);
            if (File.Exists(current))
                pinned.Add(X509CertificateLoader.LoadCertificateFromFile(current));
            var retired = folder.RetiredIntermediates(site.Name);
            if (Directory.Exists(retired))
                pinned.AddRange(Directory.GetFiles(retired, "*.crt").Order(StringComparer.Ordinal).Select(X509CertificateLoader.LoadCertificateFromFile));
        }
        return string.Concat(pinned.Where(c => c.NotAfter > now.UtcDateTime).Select(c => c.ExportCertificatePem() + "\n"));
    }

    /// <summary>
    /// Writes the bundle at the top of the folder and into every gateway folder of a site of the manifest that
    /// has one; returns those gateway folders. Gateways reload it (the content changed) within seconds.
    /// </summary>
    public static IReadOnlyList<string> Publish(FederatedMesh mesh, TrustFolder folder, DateTimeOffset now)
    {
        var text = Text(mesh, folder, now);
        TrustFolder.WritePublic(folder.Bundle, text);
        var updated = new List<string>();
        foreach (var site in mesh.Sites)
        {
            var gatewayFolder = folder.GatewayFolder(site.Name);
            if (!File.Exists(Path.Combine(gatewayFolder, TrustMaterial.BundleFile)))
                continue;
            TrustFolder.WritePublic(Path.Combine(gatewayFolder, TrustMaterial.BundleFile), text);
            updated.Add(gatewayFolder);
        }
        return updated;
    }
}
