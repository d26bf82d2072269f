using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// What of a service's failover order Istio can carry out on one site. Istio's localityLbSetting only reorders
/// endpoints this cluster's registry holds, by their region (istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/);
/// those are this site's own endpoints and, in a multi-cluster mesh, those of sites on the same network. A site
/// whose endpoints sit behind the meshfed gateway, or a site without a region, cannot be named in it.
/// </summary>
/// <remarks>
/// Cloud Service Mesh: Google's "API Support in Managed Cloud Service Mesh" (cloud.google.com/service-mesh/docs/onboarding/api-support,
/// "Load Balancer Settings") marks <c>localityLbSetting.distribute</c> unsupported, and "Unsupported Istio APIs in
/// Managed Cloud Service Mesh" (cloud.google.com/service-mesh/docs/onboarding/unsupported-istio-apis) lists the
/// subset- and port-level <c>localityLbSetting</c> fields; the top-level <c>failover</c> rendered here is on neither
/// list, so both profiles render it the same way.
/// </remarks>
internal sealed record FailoverPlan(IReadOnlyList<string> Regions, IReadOnlyList<string> WithoutRegion, IReadOnlyList<string> BehindGateway)
{
    public static FailoverPlan For(IstioContext context, Service service)
    {
        var here = context.View.Site;
        var regions = new List<string>();
        var withoutRegion = new List<string>();
        var behindGateway = new List<string>();
        foreach (var name in service.Traffic.Failover.Distinct())
        {
            var site = context.View.Mesh.FindSite(name);
            if (site is null)
                continue;
            var inRegistry = site.Name == here.Name
                || (here.Network is not null && site.Network == here.Network && service.DeployedSites.Contains(site.Name));
            if (!inRegistry)
                behindGateway.Add(site.Name);
            else if (site.Region is null)
                withoutRegion.Add(site.Name);
            else if (!regions.Contains(site.Region))
                regions.Add(site.Region);
        }
        return new FailoverPlan(regions, withoutRegion, behindGateway);
    }

    /// <summary>Says which part of the declared order the rendering does not carry out, and what happens instead.</summary>
    public void Report(IstioContext context, Service service, bool hasOutlierDetection)
    {
        if (service.Traffic.Failover.Count == 0 || (WithoutRegion.Count == 0 && BehindGateway.Count == 0))
            return;
        var reasons = new List<string>();
        if (BehindGateway.Count > 0)
            reasons.Add($"the endpoints on {string.Join(", ", BehindGateway)} are behind the meshfed gateway, not in this cluster's registry");
        if (WithoutRegion.Count > 0)
            reasons.Add($"{string.Join(", ", WithoutRegion)} {(WithoutRegion.Count == 1 ? "has" : "have")} no region, which locality failover needs");
        var rendered = Regions.Count >= 2
            ? $"the rendered localityLbSetting fails over between {string.Join(" then ", Regions)} only"
            : "no localityLbSetting is rendered";
        var ejection = hasOutlierDetection
            ? "outlier detection ejects failing ones"
            : "nothing ejects failing ones: declare traffic.circuitBreaker for outlier detection";
        context.Warn(service, "traffic.failover",
            $"{string.Join("; ", reasons)}: {rendered}; the local share stays on this site's endpoints ({ejection}) and fails when they all fail; the meshfed gateway applies the failover order only to the shares routed to other sites");
    }
}
