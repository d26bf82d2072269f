using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>
/// Traffic that crosses sites goes through the meshfed gateways (see docs/data-path.md), so every site that
/// calls a service running elsewhere, and every site that serves callers elsewhere, needs a gateway.
/// Sites on the same network reach each other's workloads directly and need none between them.
/// </summary>
internal sealed class ReachabilityValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in context.Mesh.Services)
        {
            var servicePath = context.Sources.PathOf(service);
            foreach (var caller in context.Mesh.Sites.Where(s => service.IsVisibleFrom(s.Name)))
            {
                foreach (var remote in service.DeployedSites.Select(context.SitesByName.GetValueOrDefault).OfType<Site>())
                {
                    if (remote.Name == caller.Name || SameNetwork(caller, remote))
                        continue;
                    Require(context, caller, service, servicePath, remote, outbound: true, reported);
                    Require(context, remote, service, servicePath, caller, outbound: false, reported);
                }
            }
        }
    }

    private static bool SameNetwork(Site a, Site b) => a.Network is not null && a.Network == b.Network;

    private static void Require(ValidationContext context, Site site, Service service, string servicePath, Site other, bool outbound,
        HashSet<string> reported)
    {
        var sitePath = context.Sources.PathOf(site);
        if (site.Gateway is not null || !context.IsClean(sitePath + ".gateway") || !reported.Add(site.Name))
            return;
        var why = outbound
            ? $"its workloads call service '{service.Name}' on site '{other.Name}'"
            : $"site '{other.Name}' calls service '{service.Name}' that runs here";
        context.Error(DiagnosticCodes.MissingGateway, sitePath,
            $"site '{site.Name}' has no gateway, but {why} (see {servicePath})",
            $"Add 'gateway: {{ address: <name other sites resolve>, port: {SiteGateway.DefaultPort} }}' to the site, put both sites on one network, or narrow the service's exportTo.");
    }
}
