namespace MeshFed.Federation.Trust;

/// <summary>
/// Moves a trust folder of the layout before the CA tree (root key beside the bundle, each site's intermediate
/// key inside the folder its gateway reads) to the current one. The old intermediates carry no site binding
/// and their keys have been on gateway hosts, so they are deleted, never carried over: every site gets a new
/// intermediate and every gateway needs a new SVID (security review 2026-12-02, E1).
/// </summary>
public static class LegacyLayout
{
    /// <summary>Migrates <paramref name="folder"/> when it has the old layout; returns whether it did.</summary>
    public static bool Migrate(TrustFolder folder)
    {
        var legacyCertificate = Path.Combine(folder.Root, "root.crt");
        if (!File.Exists(folder.LegacyRootKey) || folder.HasRoot)
            return false;
        TrustFolder.EnsurePrivateFolder(folder.CaFolder);
        File.Move(legacyCertificate, folder.RootCertificate);
        File.Move(folder.LegacyRootKey, folder.RootKey);
        var sites = Path.Combine(folder.Root, "sites");
        if (Directory.Exists(sites))
        {
            foreach (var site in Directory.GetDirectories(sites))
            {
                File.Delete(Path.Combine(site, "intermediate.key"));
                File.Delete(Path.Combine(site, "intermediate.crt"));
            }
        }
        return true;
    }
}
