using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>
/// The IAM roles deployments declare (<c>deployments[].aws.role</c>): only on AWS sites, in the site's partition, and
/// one service per role on a site. The role is an identity: on a VPC Lattice site the auth policies admit a service by
/// its role's ARN and the gateway names a caller authenticated as the role by the service's SPIFFE ID, so a role two
/// services share would let either act as the other.
/// </summary>
internal sealed class WorkloadRoleValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        // The first declaration of each role per site: (site, role) → service and path.
        var claimed = new Dictionary<string, List<(IamRoleArn Role, Service Service, string Path)>>(StringComparer.Ordinal);
        foreach (var service in context.Mesh.Services)
        {
            foreach (var deployment in service.Deployments)
            {
                if (deployment.Aws is not { Role: var role } || !context.SitesByName.TryGetValue(deployment.Site, out var site))
                    continue;
                var path = context.Sources.PathOf(deployment) + ".aws.role";
                if (!FitsSite(context, site, role, path))
                    continue;
                var roles = claimed.TryGetValue(site.Name, out var list) ? list : claimed[site.Name] = [];
                var other = roles.FirstOrDefault(r => r.Role.IsSameRole(role));
                if (other.Service is null)
                    roles.Add((role, service, path));
                else if (!ReferenceEquals(other.Service, service))
                {
                    context.Error(DiagnosticCodes.SecurityShape, path,
                        $"IAM role '{role.Name}' of account {role.Account} runs service '{service.Namespace}/{service.Name}' here and service '{other.Service.Namespace}/{other.Service.Name}' at {Where(context, other.Path)}, both on site '{site.Name}': a caller with that role would be either service, so each could call as the other",
                        $"Give each service its own task or pod role (IAM role names are unique per account whatever their case or path).");
                }
            }
        }
    }

    /// <summary>The path, with its file position when the manifest was loaded from text.</summary>
    private static string Where(ValidationContext context, string path) =>
        context.Sources.Locate(path) is { Line: > 0 } location ? $"{path} ({location})" : path;

    private static bool FitsSite(ValidationContext context, Site site, IamRoleArn role, string path)
    {
        if (site.Provider != CloudProvider.Aws)
        {
            context.Error(DiagnosticCodes.SecurityShape, path,
                $"site '{site.Name}' is {WireNames<CloudProvider>.Of(site.Provider)}: an IAM role is the identity of workloads on AWS only",
                "Remove aws: from this deployment, or deploy the version on an AWS site.");
            return false;
        }
        if (site.Region is { } region && AwsPartitions.OfRegion(region) is var partition && partition != role.Partition)
        {
            context.Error(DiagnosticCodes.SecurityShape, path,
                $"role '{role.Arn}' is in partition '{role.Partition}', but site '{site.Name}' (region {region}) is in '{partition}'",
                $"Give the role's ARN in the site's partition: arn:{partition}:iam::{role.Account}:role{role.Path}{role.Name}.");
            return false;
        }
        if (site.Mesh != MeshKind.VpcLattice)
        {
            context.Warning(DiagnosticCodes.SecurityShape, path,
                $"site '{site.Name}' runs {WireNames<MeshKind>.Of(site.Mesh)}, which does not authenticate callers by IAM role: the role is used once the site's mesh is vpc-lattice",
                "Keep it if the site moves to vpc-lattice; otherwise remove it.");
        }
        return true;
    }
}
