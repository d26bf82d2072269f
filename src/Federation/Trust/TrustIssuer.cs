using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Trust;
using MeshFed.Model;

namespace MeshFed.Federation.Trust;

/// <summary>Creates the federation's CA hierarchy and issues gateway SVIDs into a <see cref="TrustFolder"/>.</summary>
public static class TrustIssuer
{
    /// <summary>How long the root is valid.</summary>
    public static readonly TimeSpan RootLifetime = TimeSpan.FromDays(3650);

    /// <summary>How long a site intermediate is valid.</summary>
    public static readonly TimeSpan IntermediateLifetime = TimeSpan.FromDays(365);

    /// <summary>Default SVID lifetime: short, so a leaked key is worth little; gateways reload rotated files.</summary>
    public static readonly TimeSpan DefaultSvidLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Creates the root (unless one exists) and an intermediate for every site that has none. Returns the
    /// sites that got a new intermediate. Never replaces an existing root: that would cut every gateway off.
    /// </summary>
    public static IReadOnlyList<string> Init(FederatedMesh mesh, TrustFolder folder, DateTimeOffset now)
    {
        X509Certificate2 root;
        if (folder.HasRoot)
        {
            root = TrustFolder.ReadWithKey(folder.RootCertificate, folder.RootKey);
            var domain = SpiffeId.UriNames(root).Select(SpiffeId.TryParse).FirstOrDefault(id => id is not null)?.TrustDomain;
            if (domain is not null && domain != mesh.TrustDomain)
                throw new InvalidOperationException($"{folder.RootCertificate} is the root of trust domain '{domain}', but mesh '{mesh.Name}' has trustDomain '{mesh.TrustDomain}'. Use another --dir.");
        }
        else
        {
            root = FederationCa.CreateRoot(mesh.TrustDomain, RootLifetime, now);
            TrustFolder.WriteWithKey(root, folder.RootCertificate, folder.RootKey);
            TrustFolder.WritePublic(folder.Bundle, root.ExportCertificatePem() + "\n");
        }
        var created = new List<string>();
        foreach (var site in mesh.Sites)
        {
            if (File.Exists(folder.IntermediateCertificate(site.Name)))
                continue;
            var intermediate = FederationCa.CreateIntermediate(root, mesh.TrustDomain, site.Name, IntermediateLifetime, now);
            TrustFolder.WriteWithKey(intermediate, folder.IntermediateCertificate(site.Name), folder.IntermediateKey(site.Name));
            created.Add(site.Name);
        }
        return created;
    }

    /// <summary>The DNS name in a gateway's SVID besides its SPIFFE ID: <c>gateway.&lt;site&gt;.&lt;trust domain&gt;</c>.</summary>
    public static string GatewayDnsName(FederatedMesh mesh, string site) => $"gateway.{site}.{mesh.TrustDomain}";

    /// <summary>
    /// Issues (or re-issues: rotation) the SVID of <paramref name="site"/>'s gateway into the site's folder,
    /// next to a copy of the bundle, so the folder is that gateway's <c>--trust-dir</c>.
    /// </summary>
    public static X509Certificate2 Issue(FederatedMesh mesh, TrustFolder folder, string site, TimeSpan lifetime, DateTimeOffset now)
    {
        if (!File.Exists(folder.IntermediateCertificate(site)))
            throw new InvalidOperationException($"{folder.IntermediateCertificate(site)}: missing. Run 'meshfed trust init' first.");
        var intermediate = TrustFolder.ReadWithKey(folder.IntermediateCertificate(site), folder.IntermediateKey(site));
        var svid = FederationCa.CreateSvid(intermediate, DataPath.GatewaySpiffeId(mesh.TrustDomain, site), lifetime, now, GatewayDnsName(mesh, site));
        var siteFolder = folder.SiteFolder(site);
        // Key first, then certificate: a gateway reloading in between fails the key/certificate match and
        // keeps its old pair until both are new.
        TrustFolder.WritePublic(Path.Combine(siteFolder, TrustMaterial.BundleFile), File.ReadAllText(folder.Bundle));
        using var key = svid.GetECDsaPrivateKey()!;
        TrustFolder.WriteSecret(Path.Combine(siteFolder, TrustMaterial.KeyFile), key.ExportPkcs8PrivateKeyPem() + "\n");
        TrustFolder.WritePublic(Path.Combine(siteFolder, TrustMaterial.CertificateFile),
            svid.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n");
        return svid;
    }
}
