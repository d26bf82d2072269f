using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Routes split traffic exactly, can each be reached, and only match what the service's protocol carries.</summary>
internal sealed class RouteValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        foreach (var service in context.Mesh.Services)
        {
            var path = context.Sources.PathOf(service);
            var routes = service.Traffic.Routes;
            if (routes.Count == 0 && service.Versions.Count > 1 && context.IsClean(path + ".deployments"))
            {
                var split = string.Join(", ", service.EffectiveRoutes[0].To.Select(t => $"{t.Version} {t.Weight}%"));
                context.Warning(DiagnosticCodes.RouteShape, path + ".traffic",
                    $"service '{service.Name}' has versions {string.Join(", ", service.Versions)} but no routes, so traffic is split evenly ({split})",
                    $"Say how traffic splits with 'traffic.routes', e.g. to: [{{ version: {service.Versions[0]}, weight: 90 }}, {{ version: {service.Versions[1]}, weight: 10 }}].");
            }
            var requestAware = service.Ports.Any(p => p.IsRequestAware);
            for (var i = 0; i < routes.Count; i++)
            {
                var route = routes[i];
                var routePath = context.Sources.PathOf(route);
                CheckWeights(context, route, routePath);
                CheckDuplicateTargets(context, route);
                if (!requestAware && route.Match != RouteMatch.Any && !route.Match.IsCatchAll)
                {
                    context.Error(DiagnosticCodes.RouteShape, routePath + ".match",
                        $"service '{service.Name}' only has tcp ports, which carry no paths, headers or methods to match",
                        "Remove 'match' (TCP routes only split by weight), or declare the port as http, http2 or grpc.");
                }
                if (route.Match.IsCatchAll && i < routes.Count - 1)
                {
                    context.Warning(DiagnosticCodes.RouteShape, context.Sources.PathOf(routes[i + 1]),
                        $"route '{routes[i + 1].Name}' can never match: route '{route.Name}' before it takes every request",
                        "Routes are tried in order, first match wins; move the catch-all route last.");
                }
            }
            if (routes.Count > 0 && !routes[^1].Match.IsCatchAll && requestAware)
            {
                context.Warning(DiagnosticCodes.RouteShape, context.Sources.PathOf(routes[^1]),
                    $"no route of service '{service.Name}' matches every request, so unmatched requests get 404",
                    "End the list with a route without 'match' that says where everything else goes.");
            }
            RegexRules.Check(context, service);
        }
    }

    private static void CheckWeights(ValidationContext context, Route route, string routePath)
    {
        var sum = route.To.Sum(t => t.Weight);
        if (sum == 100 || route.To.Count == 0 || !context.IsClean(routePath + ".to"))
            return;
        var weights = string.Join(" + ", route.To.Select(t => t.Weight));
        context.Error(DiagnosticCodes.WeightsNotHundred, routePath + ".to",
            $"the weights of route '{route.Name}' add up to {sum} ({weights}), not 100",
            sum < 100 ? $"Give the remaining {100 - sum} to one of the targets." : $"Take {sum - 100} away from the targets.");
    }

    private static void CheckDuplicateTargets(ValidationContext context, Route route)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in route.To)
        {
            if (!seen.Add($"{target.Version}@{target.Site}"))
            {
                context.Error(DiagnosticCodes.RouteShape, context.Sources.PathOf(target),
                    $"route '{route.Name}' names version '{target.Version}'{(target.Site is null ? "" : $" on site '{target.Site}'")} twice",
                    "Merge the two targets into one with the sum of their weights.");
            }
        }
    }
}
