using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Every name that refers to something refers to something declared.</summary>
internal sealed class ReferenceValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        var siteNames = context.SitesByName.Keys.ToList();
        List<string>? serviceNames = null;
        foreach (var service in context.Mesh.Services)
        {
            var path = context.Sources.PathOf(service);
            foreach (var deployment in service.Deployments)
            {
                CheckSite(context, deployment.Site, context.Sources.PathOf(deployment) + ".site", siteNames);
            }
            CheckTargets(context, service);
            CheckFailover(context, service, path + ".traffic.failover", siteNames);
            if (!service.ExportTo.AllSites)
            {
                for (var i = 0; i < service.ExportTo.Sites.Count; i++)
                    CheckSite(context, service.ExportTo.Sites[i], $"{path}.exportTo[{i}]", siteNames);
            }
            CheckCallers(context, service, ref serviceNames);
        }
    }

    private static void CheckSite(ValidationContext context, string site, string path, IReadOnlyList<string> siteNames)
    {
        if (context.SitesByName.ContainsKey(site) || !context.IsClean(path) || context.SitesIncomplete)
            return;
        context.Error(DiagnosticCodes.UnknownReference, path, $"site '{site}' is not declared",
            siteNames.Count == 0 || !context.TrySpendSuggestion() ? "Declare it under spec.sites." : $"{Suggestions.Hint(site, siteNames, "sites")} Or declare it under spec.sites.");
    }

    private static void CheckTargets(ValidationContext context, Service service)
    {
        var versions = service.Versions;
        foreach (var route in service.Traffic.Routes)
        {
            foreach (var target in route.To)
            {
                var path = context.Sources.PathOf(target);
                if (!versions.Contains(target.Version) && context.IsClean(context.Sources.PathOf(service) + ".deployments"))
                {
                    context.Error(DiagnosticCodes.UnknownReference, path + ".version",
                        $"version '{target.Version}' of service '{service.Name}' is not deployed anywhere",
                        versions.Count == 0 || !context.TrySpendSuggestion() ? "Add a deployment with this version." : $"{Suggestions.Hint(target.Version, versions, "versions")} Or add a deployment with this version.");
                }
                else if (target.Site is not null && !service.Deployments.Any(d => d.Version == target.Version && d.Site == target.Site))
                {
                    var sites = service.Deployments.Where(d => d.Version == target.Version).Select(d => d.Site).ToList();
                    context.Error(DiagnosticCodes.UnknownReference, path + ".site",
                        $"version '{target.Version}' of service '{service.Name}' does not run on site '{target.Site}'",
                        $"It runs on: {string.Join(", ", sites)}. Pin one of those, or drop 'site' to use it wherever it runs.");
                }
            }
        }
    }

    private static void CheckFailover(ValidationContext context, Service service, string path, IReadOnlyList<string> siteNames)
    {
        for (var i = 0; i < service.Traffic.Failover.Count; i++)
        {
            var site = service.Traffic.Failover[i];
            var itemPath = $"{path}[{i}]";
            if (!context.SitesByName.ContainsKey(site))
            {
                CheckSite(context, site, itemPath, siteNames);
            }
            else if (!service.DeployedSites.Contains(site))
            {
                context.Error(DiagnosticCodes.UnknownReference, itemPath, $"service '{service.Name}' does not run on site '{site}', so it cannot fail over there",
                    $"Fail over among the sites it runs on: {string.Join(", ", service.DeployedSites)}.");
            }
        }
    }

    private static void CheckCallers(ValidationContext context, Service service, ref List<string>? serviceNames)
    {
        foreach (var rule in service.Security.Allow)
        {
            var rulePath = context.Sources.PathOf(rule);
            for (var i = 0; i < rule.From.Count; i++)
            {
                var caller = rule.From[i];
                if (caller.StartsWith("spiffe://", StringComparison.Ordinal))
                    continue;
                var parts = caller.Split('/');
                var found = parts.Length == 2
                    ? context.Mesh.FindService(parts[1], parts[0])
                    : context.Mesh.FindService(parts[0]);
                if (found is null && !context.ServicesIncomplete)
                {
                    var names = serviceNames ??= [.. context.Mesh.Services.Select(s => s.Name).Distinct()];
                    context.Error(DiagnosticCodes.UnknownReference, $"{rulePath}.from[{i}]", $"caller '{caller}' is not a service of this mesh",
                        $"{(context.TrySpendSuggestion() ? Suggestions.Hint(parts[^1], names, "services") + " " : "")}Callers outside the mesh are named by SPIFFE ID (spiffe://...).");
                }
            }
        }
    }
}
