namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>Labels on every rendered resource: who manages it and for which mesh and site (ownership for apply and prune).</summary>
internal static class ManagedLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Mesh = "meshfed.dev/mesh";
    public const string Site = "meshfed.dev/site";

    public static IReadOnlyList<KeyValuePair<string, string>> For(string mesh, string site) =>
        [new(ManagedBy, "meshfed"), new(Mesh, mesh), new(Site, site)];
}
