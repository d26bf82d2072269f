using System.Security.Cryptography.X509Certificates;
using MeshFed.Gateway.Trust;
using MeshFed.Model;

namespace MeshFed.Federation.Trust;

/// <summary>Creates the federation's CA hierarchy, renews site intermediates and issues gateway SVIDs into a <see cref="TrustFolder"/>.</summary>
public static class TrustIssuer
{
    /// <summary>How long the root is valid.</summary>
    public static readonly TimeSpan RootLifetime = TimeSpan.FromDays(3650);

    /// <summary>
    /// How long a site intermediate is valid: short, so a stolen intermediate key is worth a month at most even
    /// if nobody revokes it; <c>meshfed trust renew</c> replaces it.
    /// </summary>
    public static readonly TimeSpan IntermediateLifetime = TimeSpan.FromDays(30);

    /// <summary>Default SVID lifetime: short, so a leaked key is worth little; gateways reload rotated files.</summary>
    public static readonly TimeSpan DefaultSvidLifetime = TimeSpan.FromHours(24);

    /// <summary>What <see cref="Init"/> did.</summary>
    /// <param name="Created">Sites that got a new intermediate.</param>
    /// <param name="MigratedLegacyLayout">Whether a folder of an older layout (CA keys beside the gateways' files) was moved to the CA tree.</param>
    public sealed record InitResult(IReadOnlyList<string> Created, bool MigratedLegacyLayout);

    /// <summary>
    /// Creates the root (unless one exists) and an intermediate for every site that has none (or only an expired
    /// one), then publishes the bundle. Never replaces an existing root: that would cut every gateway off.
    /// </summary>
    public static InitResult Init(FederatedMesh mesh, TrustFolder folder, DateTimeOffset now)
    {
        var migrated = LegacyLayout.Migrate(folder);
        foreach (var privateFolder in new[] { folder.Root, folder.CaFolder, Path.Combine(folder.Root, "sites") })
            TrustFolder.EnsurePrivateFolder(privateFolder);
        X509Certificate2 root;
        if (folder.HasRoot)
        {
            root = ReadRoot(mesh, folder);
        }
        else
        {
            root = FederationCa.CreateRoot(mesh.TrustDomain, RootLifetime, now);
            TrustFolder.WriteWithKey(root, folder.RootCertificate, folder.RootKey);
        }
        var created = new List<string>();
        foreach (var site in mesh.Sites)
        {
            var path = folder.IntermediateCertificate(site.Name);
            if (File.Exists(path) && X509CertificateLoader.LoadCertificateFromFile(path).NotAfter > now.UtcDateTime)
                continue;
            var intermediate = FederationCa.CreateIntermediate(root, mesh.TrustDomain, site.Name, IntermediateLifetime, now);
            TrustFolder.WriteWithKey(intermediate, path, folder.IntermediateKey(site.Name));
            created.Add(site.Name);
        }
        TrustBundle.Publish(mesh, folder, now);
        return new InitResult(created, migrated);
    }

    /// <summary>
    /// Gives each of <paramref name="sites"/> a new intermediate (new key). The previous one stays pinned until
    /// it expires, so SVIDs it issued keep working until re-issued, unless <paramref name="revokePrevious"/>:
    /// then every previous intermediate of the site is unpinned at once (a compromised key). Publishes the
    /// bundle to every gateway folder; returns the gateway folders that got the new bundle.
    /// </summary>
    public static IReadOnlyList<string> Renew(FederatedMesh mesh, TrustFolder folder, IReadOnlyList<string> sites, bool revokePrevious, DateTimeOffset now)
    {
        if (!folder.HasRoot)
            throw new InvalidOperationException($"{folder.RootCertificate}: missing. Run 'meshfed trust init' first.");
        var root = ReadRoot(mesh, folder);
        foreach (var site in sites)
        {
            var current = folder.IntermediateCertificate(site);
            var retired = folder.RetiredIntermediates(site);
            if (revokePrevious && Directory.Exists(retired))
                Directory.Delete(retired, recursive: true);
            if (!revokePrevious && File.Exists(current))
            {
                var previous = X509CertificateLoader.LoadCertificateFromFile(current);
                TrustFolder.WritePublic(Path.Combine(retired, previous.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) + ".crt"), previous.ExportCertificatePem() + "\n");
            }
            var intermediate = FederationCa.CreateIntermediate(root, mesh.TrustDomain, site, IntermediateLifetime, now);
            TrustFolder.WriteWithKey(intermediate, current, folder.IntermediateKey(site));
        }
        return TrustBundle.Publish(mesh, folder, now);
    }

    /// <summary>The DNS name in a gateway's SVID besides its SPIFFE ID: <c>gateway.&lt;site&gt;.&lt;trust domain&gt;</c>.</summary>
    public static string GatewayDnsName(FederatedMesh mesh, string site) => $"gateway.{site}.{mesh.TrustDomain}";

    /// <summary>
    /// Issues (or re-issues: rotation) the SVID of <paramref name="site"/>'s gateway into its gateway folder,
    /// with the site's intermediate after it and a copy of the bundle beside it: the folder is that gateway's
    /// <c>--trust-dir</c>, and holds nothing else. The SVID never outlives its intermediate.
    /// </summary>
    public static X509Certificate2 Issue(FederatedMesh mesh, TrustFolder folder, string site, TimeSpan lifetime, DateTimeOffset now)
    {
        if (!File.Exists(folder.IntermediateCertificate(site)))
            throw new InvalidOperationException($"{folder.IntermediateCertificate(site)}: missing. Run 'meshfed trust init' first.");
        var intermediate = TrustFolder.ReadWithKey(folder.IntermediateCertificate(site), folder.IntermediateKey(site));
        if (intermediate.NotAfter <= now.UtcDateTime.AddHours(1))
            throw new InvalidOperationException($"the intermediate of site {site} expires at {intermediate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z; renew it first: meshfed trust renew <manifest> --site {site}");
        var svid = FederationCa.CreateSvid(intermediate, DataPath.GatewaySpiffeId(mesh.TrustDomain, site), lifetime, now, GatewayDnsName(mesh, site));
        var gatewayFolder = folder.GatewayFolder(site);
        // Bundle first (it pins the intermediate that signs the new SVID), then key, then certificate: a gateway
        // reloading in between fails the key/certificate match and keeps its old pair until both are new.
        TrustFolder.WritePublic(Path.Combine(gatewayFolder, TrustMaterial.BundleFile), File.ReadAllText(folder.Bundle));
        using var key = svid.GetECDsaPrivateKey()!;
        TrustFolder.WriteSecret(Path.Combine(gatewayFolder, TrustMaterial.KeyFile), key.ExportPkcs8PrivateKeyPem() + "\n");
        TrustFolder.WritePublic(Path.Combine(gatewayFolder, TrustMaterial.CertificateFile),
            svid.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n");
        return svid;
    }

    private static X509Certificate2 ReadRoot(FederatedMesh mesh, TrustFolder folder)
    {
        var root = TrustFolder.ReadWithKey(folder.RootCertificate, folder.RootKey);
        var domain = SpiffeId.UriNames(root).Select(uri => TrustDomains.TryParseId(uri, out var td, out _) ? td : null).FirstOrDefault(td => td is not null);
        if (domain is not null && domain != mesh.TrustDomain)
            throw new InvalidOperationException($"{folder.RootCertificate} is the root of trust domain '{domain}', but mesh '{mesh.Name}' has trustDomain '{mesh.TrustDomain}'. Use another --dir.");
        return root;
    }
}
