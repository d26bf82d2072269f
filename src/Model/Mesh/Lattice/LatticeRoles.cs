namespace MeshFed.Model;

/// <summary>
/// The IAM roles the deployments of one site declare (<see cref="Deployment.Aws"/>), both ways: which service a role
/// runs (the gateway naming a caller VPC Lattice authenticated) and which roles a service runs as (the auth policies
/// admitting it by <c>aws:PrincipalArn</c>). One fact, read by both, so the two cannot disagree.
/// </summary>
public sealed class LatticeRoles
{
    private readonly Dictionary<(string Partition, string Account, string Name), Service?> _services = [];
    private readonly Dictionary<Service, List<IamRoleArn>> _roles = new(ReferenceEqualityComparer.Instance);

    private LatticeRoles() { }

    /// <summary>No declared roles.</summary>
    public static LatticeRoles None { get; } = new();

    /// <summary>The roles declared by deployments on <paramref name="site"/>.</summary>
    public static LatticeRoles Of(FederatedMesh mesh, Site site)
    {
        var roles = new LatticeRoles();
        foreach (var service in mesh.Services)
        {
            foreach (var deployment in service.Deployments)
            {
                if (deployment.Site != site.Name || deployment.Aws is not { Role: var role })
                    continue;
                var key = (role.Partition, role.Account, role.Name.ToLowerInvariant());
                // A role two services claim names neither (validation refuses such a manifest; this keeps a gateway
                // given one anyway from choosing).
                roles._services[key] = roles._services.TryGetValue(key, out var other) && !ReferenceEquals(other, service) ? null : service;
                var list = roles._roles.TryGetValue(service, out var existing) ? existing : roles._roles[service] = [];
                if (!list.Contains(role))
                    list.Add(role);
            }
        }
        return roles;
    }

    /// <summary>
    /// The service whose deployments on the site run as role <paramref name="name"/> of <paramref name="account"/> in
    /// <paramref name="partition"/>, or null. The name is compared exactly as declared: Lattice's auth policy compares
    /// <c>aws:PrincipalArn</c> with <c>StringEquals</c>, so a differently cased declaration admits no one there either.
    /// </summary>
    public Service? ServiceOf(string partition, string account, string name) =>
        _services.TryGetValue((partition, account, name.ToLowerInvariant()), out var service) && service is not null
            && _roles[service].Any(r => r.Partition == partition && r.Account == account && r.Name == name)
            ? service : null;

    /// <summary>The distinct roles <paramref name="service"/>'s deployments on the site declare, in manifest order.</summary>
    public IReadOnlyList<IamRoleArn> RolesOf(Service service) => _roles.TryGetValue(service, out var roles) ? roles : [];
}
