using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Each site's provider, mesh kind and cloud coordinates fit together.</summary>
internal sealed class SiteValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        foreach (var site in context.Mesh.Sites)
        {
            var path = context.Sources.PathOf(site);
            if (!context.IsClean(path + ".provider") || !context.IsClean(path + ".mesh"))
                continue;
            var mesh = WireNames<MeshKind>.Of(site.Mesh);
            var provider = WireNames<CloudProvider>.Of(site.Provider);
            var allowed = AllowedMeshes(site.Provider);
            if (!allowed.Contains(site.Mesh))
            {
                context.Error(DiagnosticCodes.SiteShape, path + ".mesh", $"a {provider} site cannot run '{mesh}'",
                    $"For provider {provider} use mesh: {string.Join(" or ", allowed.Select(WireNames<MeshKind>.Of))}.");
            }
            if (site.Migration is not null && site.Mesh != MeshKind.VpcLattice && context.IsClean(path + ".migration"))
            {
                // The migration is read by the Lattice renderer and plan (docs/migration.md): on any other mesh it would be ignored.
                context.Error(DiagnosticCodes.SiteShape, path + ".migration",
                    $"'migration' moves an App Mesh site onto VPC Lattice, but site '{site.Name}' runs '{mesh}'",
                    provider == "aws" ? "Set 'mesh: vpc-lattice' to start the move, or remove 'migration'." : "Remove 'migration': only aws sites move from App Mesh to VPC Lattice.");
            }
            if (site.Provider == CloudProvider.Aws && string.IsNullOrEmpty(site.Region) && context.IsClean(path))
            {
                context.Error(DiagnosticCodes.SiteShape, path, $"AWS site '{site.Name}' needs a region",
                    "Add 'region: us-east-1' (the region of its mesh and of the API calls).");
            }
            if (site.Provider == CloudProvider.Gcp && string.IsNullOrEmpty(site.Project) && context.IsClean(path))
            {
                context.Error(DiagnosticCodes.SiteShape, path, $"GCP site '{site.Name}' needs a project",
                    "Add 'project: <project-id>' (the project of its cluster, Cloud Monitoring and Cloud Trace).");
            }
            if (site.Provider != CloudProvider.Gcp && site.Project is not null)
            {
                context.Error(DiagnosticCodes.SiteShape, path + ".project", $"'project' is a GCP setting, but site '{site.Name}' is {provider}",
                    "Remove 'project', or set 'provider: gcp'.");
            }
            if (site.Region is not null && !IsRegion(site.Region))
            {
                context.Error(DiagnosticCodes.InvalidValue, path + ".region", $"'{site.Region}' is not a cloud region name",
                    "Use the provider's region id, e.g. us-east-1 or europe-west1.");
            }
            if (site.Mesh is MeshKind.Istio or MeshKind.CloudServiceMesh && site.Gateway is { Platform: GatewayPlatform.Vm }
                && context.IsClean(path + ".gateway"))
            {
                // The Istio data path delivers every cross-site share to the Service meshfed-gateway.meshfed-system
                // and expects the gateway's sidecar to terminate mesh mTLS (docs/data-path.md, "hop 1"); a host or
                // VM outside the cluster has neither ("Ports used by Istio" and sidecar injection:
                // istio.io/latest/docs/setup/additional-setup/sidecar-injection/).
                context.Error(DiagnosticCodes.SiteShape, path + ".gateway.platform",
                    $"site '{site.Name}' runs {mesh}, whose data path needs the meshfed gateway to be a mesh workload with a sidecar, but gateway.platform is vm",
                    "Run the gateway in the site's cluster: platform kubernetes/gke/eks.");
            }
        }
    }

    private static IReadOnlyList<MeshKind> AllowedMeshes(CloudProvider provider) => provider switch
    {
        CloudProvider.Aws => [MeshKind.AppMesh, MeshKind.VpcLattice, MeshKind.Istio],
        CloudProvider.Gcp => [MeshKind.Istio, MeshKind.CloudServiceMesh],
        _ => [MeshKind.Istio],
    };

    private static bool IsRegion(string region) =>
        region.Length is > 0 and <= 32 && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterLower(region[0]) && region[^1] != '-';
}
