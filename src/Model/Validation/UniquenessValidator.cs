using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Names that must be unique: sites, services per namespace, and within a service its deployments, ports and routes.</summary>
internal sealed class UniquenessValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        var mesh = context.Mesh;
        var sources = context.Sources;
        Unique(context, mesh.Sites, s => s.Name, s => sources.PathOf(s), "site", "Give every site its own name.");
        Unique(context, mesh.Services, s => $"{s.Namespace}/{s.Name}", s => sources.PathOf(s), "service",
            "Service names are unique within a namespace; rename one or move it to another namespace.");
        var gateways = mesh.Sites.Where(s => s.Gateway is not null);
        Unique(context, gateways, s => $"{s.Gateway!.Address}:{s.Gateway.Port}", s => sources.PathOf(s) + ".gateway", "gateway address",
            "Each site's gateway needs its own address and port, or traffic for one site lands on another.");
        foreach (var service in mesh.Services)
        {
            var path = sources.PathOf(service);
            Unique(context, service.Deployments, d => $"{d.Version}@{d.Site}", d => sources.PathOf(d), "deployment",
                $"Service '{service.Name}' lists version and site together once; remove the repeated deployment.");
            Unique(context, service.Ports, p => p.Port.ToString(), p => sources.PathOf(p), "port", "List each port once.");
            Unique(context, service.Ports.Where(p => p.Name is not null), p => p.Name!, p => sources.PathOf(p) + ".name", "port name",
                "Give each port its own name.");
            Unique(context, service.Traffic.Routes, r => r.Name, r => sources.PathOf(r), "route", "Give each route its own name.");
            Unique(context, service.Traffic.Failover, f => f, _ => path + ".traffic.failover", "failover site", "List each site once.");
            if (!service.ExportTo.AllSites)
                Unique(context, service.ExportTo.Sites, s => s, _ => path + ".exportTo", "exportTo site", "List each site once.");
        }
    }

    private static void Unique<T>(ValidationContext context, IEnumerable<T> items, Func<T, string> key, Func<T, string> path, string noun, string hint)
    {
        var seen = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var name = key(item);
            if (seen.TryGetValue(name, out var first))
            {
                var firstAt = context.Sources.Locate(path(first));
                context.Error(DiagnosticCodes.DuplicateName, path(item), $"{noun} '{name}' is declared twice (first at {firstAt})", hint);
            }
            else
            {
                seen.Add(name, item);
            }
        }
    }
}
